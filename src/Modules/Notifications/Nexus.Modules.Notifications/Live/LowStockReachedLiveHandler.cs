using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.Live;

/// <summary>The back office's live feed: a product reached its low-stock threshold.</summary>
internal sealed class LowStockReachedLiveHandler(LiveAfterCommit live) : IIntegrationEventHandler<LowStockReached>
{
    public Task HandleAsync(LowStockReached integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var message = new LiveMessage(LiveMessageTypes.StaffLowStock, 1, new
        {
            productId = integrationEvent.ProductId,
            sku = integrationEvent.Sku,
            name = integrationEvent.Name,
            stockOnHand = integrationEvent.StockOnHand,
        });
        return live.QueueAsync((push, ct) => push.ToStaffAsync(message, ct));
    }
}
