using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Ordering.Data;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Features.PlaceOrder;

/// <summary>
/// The last step of placing: stock is reserved, the coupon redeemed and the cart emptied. Marks the order placed and
/// publishes <see cref="OrderPlaced"/> in the same commit — once, however often a retried checkout gets here.
/// </summary>
internal sealed record CompletePlacement(Guid OrderId) : ICommand<bool>;

internal sealed class CompletePlacementHandler(OrderingDbContext db, TimeProvider clock, IIntegrationEventPublisher events) : IRequestHandler<CompletePlacement, bool>
{
    public async Task<bool> Handle(CompletePlacement request, CancellationToken cancellationToken)
    {
        var order = await db.Orders.Include(o => o.Lines).FirstOrDefaultAsync(o => o.Id == request.OrderId, cancellationToken);
        if (order is null || !order.CompletePlacement(clock.GetUtcNow().UtcDateTime))
        {
            return false;
        }

        events.Publish(new OrderPlaced(
            order.Id,
            order.Number,
            order.CustomerId,
            order.Email,
            order.TotalMinor,
            order.Currency,
            [.. order.Lines.Select(l => new PlacedOrderLine(l.ProductId, l.VariantId, l.Sku, l.ProductName, l.Quantity, l.UnitPriceMinor, l.IsDigital))]));
        return true;
    }
}
