using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Ordering.Pages.Admin.Orders;

/// <summary>A bulk action's progress bar and the result for each order; refreshes itself until it is finished.</summary>
[Authorize(Policy = NexusPolicies.Admin)]
internal sealed class BulkStatusModel(IMediator mediator) : PageModel
{
    public BulkOrderRunView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await mediator.Send(new GetBulkOrderRun(id), cancellationToken) is not { } view)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
