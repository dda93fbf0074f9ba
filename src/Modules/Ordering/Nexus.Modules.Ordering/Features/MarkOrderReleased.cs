using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features;

/// <summary>A cancelled order's stock and coupon use were given back: the job need not try again.</summary>
internal sealed record MarkOrderReleased(Guid OrderId) : ICommand<bool>;

internal sealed class MarkOrderReleasedHandler(OrderingDbContext db, TimeProvider clock) : IRequestHandler<MarkOrderReleased, bool>
{
    public async Task<bool> Handle(MarkOrderReleased request, CancellationToken cancellationToken)
    {
        var order = await db.Orders.FirstOrDefaultAsync(o => o.Id == request.OrderId, cancellationToken);
        return order is not null && order.MarkReleased(clock.GetUtcNow().UtcDateTime);
    }
}
