using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Payments.Contracts;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features;

/// <summary>
/// Applies "payment X of order N was captured / failed" to the order — from the shopper's request (the confirm
/// answer, the return from the challenge, the processing page) and from Payments' events — always in the caller's
/// unit of work (a command or the inbox), never saving itself. Idempotent per payment id: the order's
/// <see cref="Order.PaidPaymentId"/> and its version (a concurrency token) make the second telling a no-op, also when
/// two arrive at the same moment (the loser's commit fails and is retried, then finds the order paid).
/// </summary>
internal sealed class OrderPaymentRecorder(OrderingDbContext db, IMediator mediator, IIntegrationEventPublisher events, TimeProvider clock)
{
    public async Task<PaymentApplication?> SucceededAsync(Guid paymentId, string orderNumber, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Lines).Include(o => o.History).AsSplitQuery().FirstOrDefaultAsync(o => o.Number == orderNumber, cancellationToken);
        if (order is null)
        {
            return null;
        }

        var outcome = order.MarkPaid(paymentId, clock.GetUtcNow().UtcDateTime);
        switch (outcome)
        {
            case PaymentApplication.Applied:
                // Published in the commit that marks it paid, so only by the telling that wins: its handlers commit the
                // stock, send the "payment received" e-mail (once per order, PaidOrderFollowUpHandler) and let the cart
                // drop the ordered lines (decision 0023). Doing those here, before the commit, let a telling that then
                // lost the race (to its twin, or to the unpaid-order job) send a second e-mail or sell cancelled stock.
                events.Publish(new OrderPaymentReceived(order.Id, order.Number, order.CartId));
                events.Publish(new OrderStatusChanged(order.Id, order.Number, order.CustomerId, nameof(OrderStatus.Pending), nameof(OrderStatus.Paid), null, clock.GetUtcNow()));
                if (order.CustomerId is not null)
                {
                    events.Publish(PaidEvent(order, order.CustomerId));
                }

                break;
            case PaymentApplication.OrderCancelled:
            case PaymentApplication.PaidByAnotherPayment:
                // The stock of a cancelled order may be sold to someone else already, and a second capture is a double
                // charge: the money goes back in full (docs/decisions/0022). RefundPayment answers NotRefundable when
                // it was refunded before, so telling this twice refunds once.
                await mediator.Send(new RefundPayment(paymentId, null, outcome == PaymentApplication.OrderCancelled ? $"Order {order.Number} was cancelled before the payment arrived" : $"Order {order.Number} was already paid"), cancellationToken);
                break;
        }

        return outcome;
    }

    public async Task<bool> FailedAsync(Guid paymentId, string orderNumber, string reason, CancellationToken cancellationToken)
    {
        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Number == orderNumber, cancellationToken);
        if (order is null || order.Status != OrderStatus.Pending || order.PaymentId is { } current && current != paymentId)
        {
            return false;
        }

        events.Publish(new OrderPaymentFailed(order.Id, order.Number, order.CustomerId, reason));
        return true;
    }

    public static OrderPaid PaidEvent(Order order, string customerId) =>
        new(order.Id, customerId, [.. order.Lines.Select(l => new PaidOrderLine(l.ProductId, l.ProductName, l.Quantity, l.UnitPriceMinor, order.Currency, l.IsDigital))]);
}
