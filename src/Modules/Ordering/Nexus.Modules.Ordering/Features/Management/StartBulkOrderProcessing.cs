using MediatR;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// Records a bulk "mark processing" of <see cref="Numbers"/> (each written once, in the order given; text that is not an
/// order number is dropped) and answers its id; the page then hands it to <see cref="BulkOrderJob"/>. Null when there
/// is nothing to do or more than <see cref="BulkOrderRun.MaxOrders"/> orders.
/// </summary>
internal sealed record StartBulkOrderProcessing(IReadOnlyList<string> Numbers, OrderActor Actor) : ICommand<Guid?>;

internal sealed class StartBulkOrderProcessingHandler(OrderingDbContext db, TimeProvider clock) : IRequestHandler<StartBulkOrderProcessing, Guid?>
{
    public const string Action = "processing";

    public Task<Guid?> Handle(StartBulkOrderProcessing request, CancellationToken cancellationToken)
    {
        var numbers = request.Numbers.Select(n => n.Trim().ToUpperInvariant()).Where(OrderNumber.LooksValid).Distinct(StringComparer.Ordinal).ToList();
        if (numbers.Count == 0 || numbers.Count > BulkOrderRun.MaxOrders)
        {
            return Task.FromResult<Guid?>(null);
        }

        var run = BulkOrderRun.Start(Action, request.Actor.Id, request.Actor.Email, numbers.Count, clock.GetUtcNow().UtcDateTime);
        db.BulkRuns.Add(run);
        db.BulkItems.AddRange(numbers.Select((number, position) => BulkOrderItem.Of(run.Id, position, number)));
        return Task.FromResult<Guid?>(run.Id);
    }
}
