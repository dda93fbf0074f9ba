namespace Nexus.Modules.Notifications.Contracts;

/// <summary>The e-mail templates Notifications can render, and the values each expects.</summary>
public static class EmailTemplates
{
    /// <summary>Values: <c>Link</c>.</summary>
    public const string ConfirmEmail = "confirm-email";

    /// <summary>Someone tried to register an address that already has an account. Values: <c>SignInLink</c>, <c>ResetLink</c>.</summary>
    public const string AlreadyRegistered = "already-registered";

    /// <summary>Values: <c>Link</c>.</summary>
    public const string ResetPassword = "reset-password";

    /// <summary>Values: <c>Link</c>, <c>NewEmail</c>.</summary>
    public const string ConfirmEmailChange = "confirm-email-change";

    /// <summary>
    /// To the old address, once an e-mail change is applied, with a link that undoes it. Values: <c>NewEmail</c>,
    /// <c>UndoLink</c>, <c>ResetLink</c>.
    /// </summary>
    public const string EmailChanged = "email-changed";

    /// <summary>A member of staff asked the user to choose a new password. Values: <c>Link</c>.</summary>
    public const string ForcedPasswordReset = "forced-password-reset";

    /// <summary>An order was placed (Ordering). Values: <c>OrderNumber</c>, <c>Items</c> (one line each), <c>Total</c>, <c>Link</c>.</summary>
    public const string OrderPlaced = "order-placed";

    /// <summary>An order's payment was received (Ordering). Values: <c>OrderNumber</c>, <c>Items</c>, <c>Total</c>, <c>Link</c>.</summary>
    public const string OrderPaid = "order-paid";

    /// <summary>A shipment of an order left (Ordering). Values: <c>OrderNumber</c>, <c>Shipped</c>, <c>Carrier</c>, <c>TrackingNumber</c>, <c>TrackingLink</c>, <c>Link</c>.</summary>
    public const string OrderShipped = "order-shipped";

    /// <summary>Values: <c>OrderNumber</c>, <c>Link</c>.</summary>
    public const string OrderDelivered = "order-delivered";

    /// <summary>Values: <c>OrderNumber</c>, <c>Reason</c>, <c>Refund</c> (a sentence, or empty), <c>Link</c>.</summary>
    public const string OrderCancelled = "order-cancelled";

    /// <summary>The payment provider confirmed a refund. Values: <c>OrderNumber</c>, <c>Amount</c>, <c>Reason</c>, <c>Link</c>.</summary>
    public const string OrderRefunded = "order-refunded";
}
