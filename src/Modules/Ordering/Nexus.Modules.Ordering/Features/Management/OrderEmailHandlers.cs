using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// The customer's e-mails about what happened to their order, sent from Ordering's own events through its inbox (once
/// per event, and only if the change committed): shipped, delivered, cancelled, refunded.
/// </summary>
internal sealed class OrderShippedEmailHandler(OrderingDbContext db, OrderEmails emails) : IIntegrationEventHandler<OrderShipped>
{
    public async Task HandleAsync(OrderShipped integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var order = await db.Orders.AsNoTracking().WithEverything().FirstOrDefaultAsync(o => o.Id == integrationEvent.OrderId, cancellationToken);
        if (order?.Shipments.FirstOrDefault(s => s.Id == integrationEvent.ShipmentId) is { } shipment)
        {
            await emails.SendShippedAsync(order, shipment, cancellationToken);
        }
    }
}

internal sealed class OrderStatusEmailHandler(OrderingDbContext db, OrderEmails emails) : IIntegrationEventHandler<OrderStatusChanged>
{
    public async Task HandleAsync(OrderStatusChanged integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        // The unpaid-order job's cancellations are not the shopper's news (they never paid); a cancellation by a person is.
        var send = integrationEvent.To switch
        {
            nameof(OrderStatus.Delivered) => true,
            nameof(OrderStatus.Cancelled) => integrationEvent.ActorId is not null,
            _ => false,
        };
        if (!send)
        {
            return;
        }

        var order = await db.Orders.AsNoTracking().FirstOrDefaultAsync(o => o.Id == integrationEvent.OrderId, cancellationToken);
        if (order is null)
        {
            return;
        }

        await (integrationEvent.To == nameof(OrderStatus.Delivered) ? emails.SendDeliveredAsync(order, cancellationToken) : emails.SendCancelledAsync(order, cancellationToken));
    }
}

internal sealed class RefundIssuedEmailHandler(OrderingDbContext db, OrderEmails emails) : IIntegrationEventHandler<RefundIssued>
{
    public async Task HandleAsync(RefundIssued integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var order = await db.Orders.AsNoTracking().Include(o => o.Refunds).FirstOrDefaultAsync(o => o.Id == integrationEvent.OrderId, cancellationToken);
        if (order?.Refunds.FirstOrDefault(r => r.Id == integrationEvent.RefundId) is { } refund)
        {
            await emails.SendRefundedAsync(order, refund, cancellationToken);
        }
    }
}
