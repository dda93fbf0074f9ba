using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Works through a bulk run's waiting orders (a Hangfire background job, enqueued after the run was saved), one
/// command per order, in batches read by position. An order another change won the race for is retried; a run
/// interrupted by a restart continues when the job runs again (Hangfire retries it), from the first waiting order.
/// </summary>
internal sealed class BulkOrderJob(OrderingDbContext db, IMediator mediator, OrderManagement management)
{
    private const int BatchSize = 200;

    public async Task RunAsync(Guid runId, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var waiting = await db.BulkItems.AsNoTracking()
                .Where(i => i.RunId == runId && i.Done == null)
                .OrderBy(i => i.Position)
                .Select(i => i.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
            if (waiting.Count == 0)
            {
                return;
            }

            foreach (var itemId in waiting)
            {
                await management.WithRetriesAsync<object>(async () => await mediator.Send(new ProcessBulkOrderItem(runId, itemId), cancellationToken));
                db.ChangeTracker.Clear();
            }
        }
    }
}
