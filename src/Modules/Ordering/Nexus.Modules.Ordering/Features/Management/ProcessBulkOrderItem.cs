using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Marks one order of a bulk run processing and records the outcome on the run, in one commit: the order's change, its
/// events and the item's result exist together or not at all, so a job that dies half-way resumes where it stopped.
/// </summary>
internal sealed record ProcessBulkOrderItem(Guid RunId, Guid ItemId) : ICommand<bool>;

internal sealed class ProcessBulkOrderItemHandler(OrderingDbContext db, TimeProvider clock, OrderChangeEvents changes) : IRequestHandler<ProcessBulkOrderItem, bool>
{
    public async Task<bool> Handle(ProcessBulkOrderItem request, CancellationToken cancellationToken)
    {
        var run = await db.BulkRuns.FirstOrDefaultAsync(r => r.Id == request.RunId, cancellationToken);
        var item = await db.BulkItems.FirstOrDefaultAsync(i => i.Id == request.ItemId && i.RunId == request.RunId, cancellationToken);
        if (run is null || item is null || item.Done is not null)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var order = await db.ByNumberAsync(item.OrderNumber, cancellationToken);
        if (order is null)
        {
            run.Record(item, false, "There is no such order.", now);
            return true;
        }

        var before = order.History.Count;
        var result = order.MarkProcessing(now);
        if (result.Done)
        {
            var actor = new OrderActor(run.ActorId, run.ActorEmail, IsStaff: true);
            changes.StatusChanges(order, before, actor.Id);
            changes.StaffAction(actor, order, "order.processing", $"bulk {run.Id}");
        }

        run.Record(item, result.Done, result.Message, now);
        return true;
    }
}
