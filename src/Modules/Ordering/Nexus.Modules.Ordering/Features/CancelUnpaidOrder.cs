using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features;

/// <summary>
/// Cancels an order that was not paid (left unpaid past the timeout, or placing could not finish) and publishes
/// <see cref="OrderCancelled"/>. Only the status changes here; its stock and coupon use are given back right after
/// (<see cref="UnpaidOrderSweep.ReleaseAsync"/>), and the job repeats that for any cancelled order whose release did
/// not finish. The order's version makes this and a payment that succeeds at the same moment exclusive: one wins.
/// </summary>
internal sealed record CancelUnpaidOrder(Guid OrderId, string Reason) : ICommand<bool>;

internal sealed class CancelUnpaidOrderHandler(OrderingDbContext db, TimeProvider clock, IIntegrationEventPublisher events) : IRequestHandler<CancelUnpaidOrder, bool>
{
    public async Task<bool> Handle(CancelUnpaidOrder request, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.History).FirstOrDefaultAsync(o => o.Id == request.OrderId, cancellationToken);
        if (order is null || !order.CancelUnpaid(request.Reason, clock.GetUtcNow().UtcDateTime))
        {
            return false;
        }

        events.Publish(new OrderStatusChanged(order.Id, order.Number, order.CustomerId, nameof(Domain.OrderStatus.Pending), nameof(Domain.OrderStatus.Cancelled), null, clock.GetUtcNow()));
        events.Publish(new OrderCancelled(order.Id, order.Number, order.CustomerId, request.Reason));
        return true;
    }
}
