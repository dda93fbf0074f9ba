using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.Live;

/// <summary>
/// <c>order.status</c> v1: <c>{ orderId, number, status }</c> — <c>status</c> is the new state when it changed, null
/// when only something shown with it did (a shipment, a refund); either way the page re-reads the order's status part.
/// </summary>
internal static class LiveOrderMessages
{
    public static LiveMessage Status(Guid orderId, string number, string? status) =>
        new(LiveMessageTypes.OrderStatus, 1, new { orderId, number, status });
}
