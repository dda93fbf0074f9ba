using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features;

/// <summary>One order by its number, or null. Who may see it is the page's question (<see cref="Pages.OrderAccess"/>).</summary>
internal sealed record GetOrder(string Number) : IQuery<OrderView?>;

/// <summary>The order a checkout with this idempotency key placed, or null.</summary>
internal sealed record GetOrderByCheckoutKey(string IdempotencyKey) : IQuery<OrderView?>;

internal sealed class GetOrderHandler(OrderingDbContext db) : IRequestHandler<GetOrder, OrderView?>, IRequestHandler<GetOrderByCheckoutKey, OrderView?>
{
    public async Task<OrderView?> Handle(GetOrder request, CancellationToken cancellationToken)
    {
        if (!OrderNumber.LooksValid(request.Number))
        {
            return null;
        }

        var order = await Orders().FirstOrDefaultAsync(o => o.Number == request.Number, cancellationToken);
        return order is null ? null : OrderView.From(order);
    }

    public async Task<OrderView?> Handle(GetOrderByCheckoutKey request, CancellationToken cancellationToken)
    {
        var order = await Orders().FirstOrDefaultAsync(o => o.IdempotencyKey == request.IdempotencyKey, cancellationToken);
        return order is null ? null : OrderView.From(order);
    }

    private IQueryable<Order> Orders() => db.Orders.AsNoTracking().AsSplitQuery().Include(o => o.Lines).Include(o => o.History);
}
