using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
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
        Orders = await mediator.Send(new GetCustomerOrders(customerId, page is > 0 and < 100_000 ? page.Value : 1, options.Value.OrdersPerPage), cancellationToken);
        return Page();
    }
}
