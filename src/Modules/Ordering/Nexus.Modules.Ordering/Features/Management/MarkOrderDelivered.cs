using MediatR;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>A shipped order arrived (Admin). Null when there is no such order. The customer's e-mail follows from <c>OrderStatusChanged</c>.</summary>
internal sealed record MarkOrderDelivered(string Number, OrderActor Actor) : ICommand<OrderActionResult?>;

internal sealed class MarkOrderDeliveredHandler(OrderingDbContext db, TimeProvider clock, OrderChangeEvents changes) : IRequestHandler<MarkOrderDelivered, OrderActionResult?>
{
    public async Task<OrderActionResult?> Handle(MarkOrderDelivered request, CancellationToken cancellationToken)
    {
        if (await db.ByNumberAsync(request.Number, cancellationToken) is not { } order)
        {
            return null;
        }

        var before = order.History.Count;
        var result = order.MarkDelivered(clock.GetUtcNow().UtcDateTime);
        if (result.Done)
        {
            changes.StatusChanges(order, before, request.Actor.Id);
            changes.StaffAction(request.Actor, order, "order.delivered", null);
        }

        return result;
    }
}
