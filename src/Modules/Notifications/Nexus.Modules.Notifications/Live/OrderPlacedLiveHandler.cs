using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.Live;

/// <summary>The back office's live feed: a new order.</summary>
internal sealed class OrderPlacedLiveHandler(LiveAfterCommit live) : IIntegrationEventHandler<OrderPlaced>
{
    public Task HandleAsync(OrderPlaced integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var message = new LiveMessage(LiveMessageTypes.StaffOrderPlaced, 1, new
        {
            orderId = integrationEvent.OrderId,
            number = integrationEvent.OrderNumber,
            totalMinor = integrationEvent.TotalMinor,
            currency = integrationEvent.Currency,
        });
        return live.QueueAsync((push, ct) => push.ToStaffAsync(message, ct));
    }
}
