using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Applies the provider's word on an order's refund, in the caller's unit of work (the inbox, or a command): confirmed
/// → the refund succeeds, the status moves (Refunded / Partially refunded) and <see cref="RefundIssued"/> goes out
/// (Licensing revokes keys of refunded digital lines, the customer gets an e-mail); refused → the refund fails and its
/// amount can be refunded again. Each refund is settled once, however often it is told.
/// </summary>
internal sealed class OrderRefundSettlement(OrderingDbContext db, TimeProvider clock, OrderChangeEvents changes, IIntegrationEventPublisher events)
{
    public async Task<bool> SucceededAsync(string orderNumber, Guid refundId, CancellationToken cancellationToken)
    {
        if (await db.ByNumberAsync(orderNumber, cancellationToken) is not { } order)
        {
            return false;
        }

        var before = order.History.Count;
        if (order.RefundSucceeded(refundId, clock.GetUtcNow().UtcDateTime) is not { } refund)
        {
            return false;
        }

        changes.StatusChanges(order, before, null);
        var lines = refund.Lines.Join(order.Lines, r => r.LineId, l => l.Id, (r, l) => new RefundedOrderLine(l.ProductId, l.VariantId, l.Sku, r.Quantity, l.IsDigital)).ToList();
        events.Publish(new RefundIssued(order.Id, order.Number, order.CustomerId, refund.Id, refund.AmountMinor, order.Currency, refund.Reason, order.RefundedMinor >= order.PaidMinor, lines));
        return true;
    }

    public async Task<bool> FailedAsync(string orderNumber, Guid refundId, string message, CancellationToken cancellationToken)
    {
        var order = await db.ByNumberAsync(orderNumber, cancellationToken);
        return order is not null && order.RefundFailed(refundId, message, clock.GetUtcNow().UtcDateTime);
    }
}
