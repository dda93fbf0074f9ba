using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Licensing.Features;
using Nexus.Modules.Licensing.Features.Administration;
using Nexus.Shared.SubApps;

namespace Nexus.Modules.Licensing.Pages.Apps.Licensing.Admin;

/// <summary>Back office (embedded in /admin/licensing): search keys, revoke them, reset their activations.</summary>
// Bearer-token only, like every signed-in sub-app view (see IndexModel): no antiforgery cookie needed.
[Authorize(Policy = SubAppAuthentication.AdminPolicy)]
[IgnoreAntiforgeryToken]
internal sealed class AdminIndexModel : PageModel
{
    private static readonly Dictionary<string, string> Notices = new(StringComparer.Ordinal)
    {
        ["revoked"] = "Key revoked",
        ["reset"] = "Activations reset",
    };

    private readonly IMediator mediator;

    public AdminIndexModel(IMediator mediator) => this.mediator = mediator;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<KeySummary> Keys { get; private set; } = [];

    public string? Notice { get; private set; }

    public async Task OnGetAsync(string? notice, CancellationToken cancellationToken)
    {
        Notice = notice is not null && Notices.TryGetValue(notice, out var text) ? text : null;
        Keys = await mediator.Send(new SearchKeys(Q), cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid keyId, CancellationToken cancellationToken) =>
        await mediator.Send(new RevokeKey(keyId), cancellationToken) ? RedirectToPage(new { Q, notice = "revoked" }) : NotFound();

    public async Task<IActionResult> OnPostResetAsync(Guid keyId, CancellationToken cancellationToken) =>
        await mediator.Send(new ResetActivations(keyId), cancellationToken) ? RedirectToPage(new { Q, notice = "reset" }) : NotFound();
}
