namespace Nexus.Shared.Live;

/// <summary>The message types the shop pushes today (v1 each); <c>live.js</c> dispatches on them.</summary>
public static class LiveMessageTypes
{
    /// <summary>The shopper's cart changed: <c>{ itemCount }</c>; pages re-read the header's cart slot.</summary>
    public const string CartUpdated = "cart.updated";

    /// <summary>One of the customer's orders changed: <c>{ orderId, number, status }</c>; order pages re-read their status.</summary>
    public const string OrderStatus = "order.status";

    /// <summary>A product went out of stock or came back: <c>{ productId, inStock }</c>, to everyone.</summary>
    public const string StockChanged = "stock.changed";

    /// <summary>
    /// This browser's session may have ended: <c>{ revoked }</c> — a sign-out somewhere (false: the page asks the session
    /// endpoint) or sessions revoked by staff (true: it asks with <c>?verify=1</c>, which checks the security stamp now).
    /// </summary>
    public const string SessionEnded = "session.ended";

    /// <summary>
    /// A notification arrived in the user's notification centre (or a broadcast for everyone): <c>{ kind }</c>; pages
    /// with a bell re-read it.
    /// </summary>
    public const string NotificationCreated = "notification.created";

    /// <summary>The user read notifications in another tab or device: <c>{ }</c>; pages with a bell re-read it.</summary>
    public const string NotificationsChanged = "notifications.changed";

    /// <summary>Back office: an order was placed: <c>{ orderId, number, totalMinor, currency }</c>.</summary>
    public const string StaffOrderPlaced = "staff.order-placed";

    /// <summary>Back office: a product reached its low-stock threshold: <c>{ productId, sku, name, stockOnHand }</c>.</summary>
    public const string StaffLowStock = "staff.low-stock";
}
