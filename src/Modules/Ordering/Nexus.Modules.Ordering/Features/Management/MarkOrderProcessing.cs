using MediatR;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>The shop starts preparing a paid order (Admin). Null when there is no such order.</summary>
internal sealed record MarkOrderProcessing(string Number, OrderActor Actor) : ICommand<OrderActionResult?>;

internal sealed class MarkOrderProcessingHandler(OrderingDbContext db, TimeProvider clock, OrderChangeEvents changes) : IRequestHandler<MarkOrderProcessing, OrderActionResult?>
{
    public async Task<OrderActionResult?> Handle(MarkOrderProcessing request, CancellationToken cancellationToken)
    {
        if (await db.ByNumberAsync(request.Number, cancellationToken) is not { } order)
        {
            return null;
        }

        var before = order.History.Count;
        var result = order.MarkProcessing(clock.GetUtcNow().UtcDateTime);
        if (result.Done)
        {
            changes.StatusChanges(order, before, request.Actor.Id);
            changes.StaffAction(request.Actor, order, "order.processing", null);
        }

        return result;
    }
}
