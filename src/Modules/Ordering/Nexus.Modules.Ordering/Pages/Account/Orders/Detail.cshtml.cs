using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Payments.Contracts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering.Pages.Account.Orders;

/// <summary>
/// One of the customer's orders: lines, totals, addresses, timeline, payment, shipments with tracking links, refunds,
/// and a cancel button while nothing has shipped. Another customer's order is a 404, for looking and for cancelling.
/// </summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class DetailModel(IMediator mediator, OrderManagement management) : PageModel
{
    public OrderView Order { get; private set; } = null!;

    public PaymentDetails? Payment { get; private set; }

    public OrderFulfilmentView Fulfilment { get; private set; } = null!;

    [TempData(Key = "OrderingAccountMessage")]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        var order = await mediator.Send(new GetOrder(number), cancellationToken);
        if (order is null || order.PlacedAt is null || order.CustomerId is null || order.CustomerId != OrderAccess.UserId(User))
        {
            return NotFound();
        }

        Order = order;
        Payment = order.PaymentId is { } paymentId ? await mediator.Send(new GetPayment(paymentId), cancellationToken) : null;
        Fulfilment = await mediator.Send(new GetOrderFulfilment(order.Id), cancellationToken);
        return Page();
    }

    /// <summary>The customer cancels their own order; the command answers "no such order" for anyone else's.</summary>
    public async Task<IActionResult> OnPostCancelAsync(string number, CancellationToken cancellationToken)
    {
        var result = await management.CancelAsync(number, "Cancelled by the customer", OrderActor.Customer(User), cancellationToken);
        if (result is null)
        {
            return NotFound();
        }

        Message = result.Message;
        return Redirect($"/account/orders/{number}");
    }
}
