using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Payments.Contracts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering.Pages.Account.Orders;

/// <summary>One of the customer's orders: lines, totals, addresses, timeline, payment. Another customer's order is a 404.</summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class DetailModel(IMediator mediator) : PageModel
{
    public OrderView Order { get; private set; } = null!;

    public PaymentDetails? Payment { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var order = await mediator.Send(new GetOrder(number), cancellationToken);
        if (order is null || order.PlacedAt is null || order.CustomerId is null || order.CustomerId != OrderAccess.UserId(User))
        {
            return NotFound();
        }

        Order = order;
        Payment = order.PaymentId is { } paymentId ? await mediator.Send(new GetPayment(paymentId), cancellationToken) : null;
        return Page();
    }
}
