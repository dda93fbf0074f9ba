using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.PlaceOrder;

/// <summary>
/// Writes a new pending order (first step of placing; committed before any stock is reserved so that nothing is ever
/// held for an order that does not exist). The idempotency key is unique: when an order with it exists, that order
/// is answered and nothing is written; two requests racing with the same key collide on the index and the loser
/// finds the winner's order (<see cref="CheckoutPlacement"/>).
/// </summary>
internal sealed record CreateOrder(OrderDraft Draft) : ICommand<Guid>;

internal sealed class CreateOrderHandler(OrderingDbContext db, TimeProvider clock) : IRequestHandler<CreateOrder, Guid>
{
    public async Task<Guid> Handle(CreateOrder request, CancellationToken cancellationToken)
    {
        var existing = await db.Orders.Where(o => o.IdempotencyKey == request.Draft.IdempotencyKey).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        var order = Order.Create(request.Draft, clock.GetUtcNow().UtcDateTime);
        db.Orders.Add(order);
        return order.Id;
    }
}
