using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>A bulk run and the result of each of its orders (in the order given); null when unknown.</summary>
internal sealed record GetBulkOrderRun(Guid RunId) : IQuery<BulkOrderRunView?>;

internal sealed record BulkOrderRunView(BulkOrderRun Run, IReadOnlyList<BulkOrderItem> Items);

internal sealed class GetBulkOrderRunHandler(OrderingDbContext db) : IRequestHandler<GetBulkOrderRun, BulkOrderRunView?>
{
    public async Task<BulkOrderRunView?> Handle(GetBulkOrderRun request, CancellationToken cancellationToken)
    {
        var run = await db.BulkRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == request.RunId, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var items = await db.BulkItems.AsNoTracking().Where(i => i.RunId == run.Id).OrderBy(i => i.Position).ToListAsync(cancellationToken);
        return new BulkOrderRunView(run, items);
    }
}
