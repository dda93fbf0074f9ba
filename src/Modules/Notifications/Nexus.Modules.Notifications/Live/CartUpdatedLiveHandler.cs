using Nexus.Modules.Cart.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.Live;

/// <summary>The shopper's other tabs and devices re-read their cart badge and mini-cart (a change in a sub-app frame too).</summary>
internal sealed class CartUpdatedLiveHandler(LiveAfterCommit live) : IIntegrationEventHandler<CartUpdated>
{
    public Task HandleAsync(CartUpdated integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var message = new LiveMessage(LiveMessageTypes.CartUpdated, 1, new { itemCount = integrationEvent.ItemCount });
        if (integrationEvent.CustomerId is { Length: > 0 } customer)
        {
            return live.QueueAsync((push, ct) => push.ToUserAsync(customer, message, ct));
        }

        return integrationEvent.GuestToken is { Length: > 0 } token
            ? live.QueueAsync((push, ct) => push.ToGuestCartAsync(token, message, ct))
            : Task.CompletedTask;
    }
}
