using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.Live;

/// <summary>A refund (partial ones too) shows on the customer's order page.</summary>
internal sealed class RefundIssuedLiveHandler(LiveAfterCommit live) : IIntegrationEventHandler<RefundIssued>
{
    public Task HandleAsync(RefundIssued integrationEvent, CancellationToken cancellationToken)
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
