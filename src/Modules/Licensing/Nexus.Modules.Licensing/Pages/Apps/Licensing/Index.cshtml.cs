using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Licensing.Features;
using Nexus.Modules.Licensing.Features.CustomerKeys;
using Nexus.Shared.SubApps;

namespace Nexus.Modules.Licensing.Pages.Apps.Licensing;

/// <summary>The customer's keys, per product.</summary>
// Signed in by the bridge token in the Authorization header only — no ambient cookie can authorize a request
// here, so cross-site request forgery has nothing to ride on and the antiforgery cookie (third-party in a
// cross-origin frame) is not needed.
[Authorize(Policy = SubAppAuthentication.UserPolicy)]
[IgnoreAntiforgeryToken]
internal sealed class IndexModel : PageModel
{
    private readonly IMediator mediator;

    public IndexModel(IMediator mediator) => this.mediator = mediator;

    public IReadOnlyList<IGrouping<string, KeySummary>> Products { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var keys = await mediator.Send(new ListCustomerKeys(User.Identity!.Name!), cancellationToken);
        Products = [.. keys.GroupBy(k => k.ProductName)];
    }
}
