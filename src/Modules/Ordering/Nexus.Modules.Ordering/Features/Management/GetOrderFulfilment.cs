using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// What the customer's order page shows of an order's fulfilment: its shipments (with tracking links) and its refunds
/// (not the internal notes). Who may see it is the page's question.
/// </summary>
internal sealed record GetOrderFulfilment(Guid OrderId) : IQuery<OrderFulfilmentView>;

internal sealed record OrderFulfilmentView(IReadOnlyList<Shipment> Shipments, IReadOnlyList<OrderRefund> Refunds, bool CanCancel);

internal sealed class GetOrderFulfilmentHandler(OrderingDbContext db) : IRequestHandler<GetOrderFulfilment, OrderFulfilmentView>
{
    public async Task<OrderFulfilmentView> Handle(GetOrderFulfilment request, CancellationToken cancellationToken)
    {
        var shipments = await db.Shipments.AsNoTracking().Where(s => s.OrderId == request.OrderId).OrderBy(s => s.ShippedAt).ToListAsync(cancellationToken);
        var refunds = await db.Refunds.AsNoTracking().Where(r => r.OrderId == request.OrderId && r.Status != OrderRefundStatus.Failed).OrderBy(r => r.RequestedAt).ToListAsync(cancellationToken);
        var status = await db.Orders.AsNoTracking().Where(o => o.Id == request.OrderId).Select(o => o.Status).FirstOrDefaultAsync(cancellationToken);
        return new OrderFulfilmentView(shipments, refunds, shipments.Count == 0 && status is OrderStatus.Pending or OrderStatus.Paid or OrderStatus.Processing);
    }
}
