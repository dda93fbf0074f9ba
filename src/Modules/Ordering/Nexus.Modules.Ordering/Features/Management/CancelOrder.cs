using MediatR;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Cancels an order nothing of which has shipped: by an Admin, or by its own customer (anyone else's order is "no such
/// order": null, a 404). A paid order gets a pending refund of what was paid in the same change;
/// <see cref="OrderManagement.CancelAsync"/> then releases the stock and asks Payments for the refund.
/// </summary>
internal sealed record CancelOrder(string Number, string Reason, OrderActor Actor) : ICommand<OrderRefundStep?>;

internal sealed class CancelOrderHandler(OrderingDbContext db, TimeProvider clock, OrderChangeEvents changes, IIntegrationEventPublisher events) : IRequestHandler<CancelOrder, OrderRefundStep?>
{
    public async Task<OrderRefundStep?> Handle(CancelOrder request, CancellationToken cancellationToken)
    {
        if (await db.ByNumberAsync(request.Number, cancellationToken) is not { } order
            || (!request.Actor.IsStaff && order.CustomerId != request.Actor.Id))
        {
            return null;
        }

        var reason = (request.Reason ?? string.Empty).Trim();
        if (reason.Length == 0)
        {
            reason = request.Actor.IsStaff ? "Cancelled by the shop" : "Cancelled by the customer";
        }

        var before = order.History.Count;
        var (result, refund) = order.Cancel(reason, request.Actor.Email, clock.GetUtcNow().UtcDateTime);
        if (!result.Done)
        {
            return new OrderRefundStep(result, order.Id, null);
        }

        changes.StatusChanges(order, before, request.Actor.Id);
        changes.StaffAction(request.Actor, order, "order.cancel", reason);
        events.Publish(new OrderCancelled(order.Id, order.Number, order.CustomerId, reason));
        return new OrderRefundStep(result, order.Id, refund is null || order.PaidPaymentId is not { } paymentId
            ? null
            : new PaymentRefundRequest(order.Number, refund.Id, paymentId, refund.AmountMinor, refund.Reason));
    }
}
