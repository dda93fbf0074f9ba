using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Content.Features.ContentPages;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Content.Pages.Admin.Content;

/// <summary>The shop's pages, for admins to pick one to edit.</summary>
[Authorize(Policy = NexusPolicies.Admin)]
internal sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ContentPageSummary> Pages { get; private set; } = [];

    [Microsoft.AspNetCore.Mvc.TempData(Key = "Content.Saved")]
    public string? Saved { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Pages = await mediator.Send(new ListContentPages(), cancellationToken);
}
