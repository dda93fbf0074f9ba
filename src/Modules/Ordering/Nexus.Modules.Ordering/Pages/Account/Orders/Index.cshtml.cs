using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Features.Claim;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Ordering.Pages.Account.Orders;

/// <summary>The customer's order history, newest first, a page at a time.</summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class IndexModel(IMediator mediator, IOptions<OrderingOptions> options) : PageModel
{
    public CustomerOrdersPage Orders { get; private set; } = new([], 1, 1, 0);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken cancellationToken)
    {
        var customerId = OrderAccess.UserId(User) ?? throw new InvalidOperationException("An account page ran without a signed-in user id.");
        // Orders placed as a guest with this (confirmed) address join the account the first time it looks.
        try
        {
            await mediator.Send(new ClaimGuestOrders(customerId), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Claimed by a parallel request of the same customer (or paid at this moment): shown on the next view.
        }

        Orders = await mediator.Send(new GetCustomerOrders(customerId, page is > 0 and < 100_000 ? page.Value : 1, options.Value.OrdersPerPage), cancellationToken);
        return Page();
    }
}
