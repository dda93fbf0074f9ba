using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.Live;

/// <summary>The customer's open order pages show the new status (paid, processing, shipped, delivered, cancelled, refunded).</summary>
internal sealed class OrderStatusChangedLiveHandler(LiveAfterCommit live) : IIntegrationEventHandler<OrderStatusChanged>
{
    public Task HandleAsync(OrderStatusChanged integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.CustomerId is not { Length: > 0 } customer)
        {
            return Task.CompletedTask;
        }

        var message = LiveOrderMessages.Status(integrationEvent.OrderId, integrationEvent.OrderNumber, integrationEvent.To);
        return live.QueueAsync((push, ct) => push.ToUserAsync(customer, message, ct));
    }
}
