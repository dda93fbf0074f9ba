using Microsoft.AspNetCore.SignalR;

namespace Nexus.Shared.Live;

/// <summary>
/// Sends <see cref="LiveMessage"/>s to the hub's groups — on every instance when the Redis backplane is on. Call it
/// only with committed state (from an integration event handler, after its commit): a page told too early re-reads
/// the old state. Best effort: a browser that was disconnected re-reads what it shows when it reconnects.
/// </summary>
public sealed class LivePush
{
    private readonly IHubContext<ShopHub> hub;

    internal LivePush(IHubContext<ShopHub> hub) => this.hub = hub;

    public Task ToUserAsync(string userId, LiveMessage message, CancellationToken cancellationToken = default) =>
        ToGroupAsync(LiveGroups.User(userId), message, cancellationToken);

    public Task ToGuestCartAsync(string guestToken, LiveMessage message, CancellationToken cancellationToken = default) =>
        ToGroupAsync(LiveGroups.GuestCart(guestToken), message, cancellationToken);

    public Task ToEveryoneAsync(LiveMessage message, CancellationToken cancellationToken = default) =>
        ToGroupAsync(LiveGroups.Stock, message, cancellationToken);

    public Task ToStaffAsync(LiveMessage message, CancellationToken cancellationToken = default) =>
        ToGroupAsync(LiveGroups.Staff, message, cancellationToken);

    private Task ToGroupAsync(string group, LiveMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return hub.Clients.Group(group).SendAsync(LiveMessage.ClientMethod, message, cancellationToken);
    }
}
