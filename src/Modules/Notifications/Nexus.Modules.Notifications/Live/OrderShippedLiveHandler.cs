using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.Live;

/// <summary>A shipment (partial ones too, which change no status) shows on the customer's order page with its tracking.</summary>
internal sealed class OrderShippedLiveHandler(LiveAfterCommit live) : IIntegrationEventHandler<OrderShipped>
{
    public Task HandleAsync(OrderShipped integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.CustomerId is not { Length: > 0 } customer)
        {
            return Task.CompletedTask;
        }

        var message = LiveOrderMessages.Status(integrationEvent.OrderId, integrationEvent.OrderNumber, null);
        return live.QueueAsync((push, ct) => push.ToUserAsync(customer, message, ct));
    }
}
