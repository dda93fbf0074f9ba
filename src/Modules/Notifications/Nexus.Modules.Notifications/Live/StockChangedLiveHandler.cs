using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.Live;

/// <summary>
/// Product and listing pages learn that a product ran out or came back. Only those crossings are pushed, to
/// everyone: every sale changes stock, but a page shows only "in stock" or not, and the count is not public.
/// </summary>
internal sealed class StockChangedLiveHandler(LiveAfterCommit live) : IIntegrationEventHandler<StockChanged>
{
    public Task HandleAsync(StockChanged integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (!CrossesZero(integrationEvent))
        {
            return Task.CompletedTask;
        }

        var message = new LiveMessage(LiveMessageTypes.StockChanged, 1, new
        {
            productId = integrationEvent.ProductId,
            inStock = integrationEvent.ProductStockOnHand > 0,
        });
        return live.QueueAsync((push, ct) => push.ToEveryoneAsync(message, ct));
    }

    internal static bool CrossesZero(StockChanged change)
    {
        var before = change.ProductStockOnHand - change.Delta;
        return before > 0 != change.ProductStockOnHand > 0;
    }
}
