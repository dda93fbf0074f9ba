namespace Nexus.Modules.Notifications.InApp;

/// <summary>
/// One entry of the notification centre: for one signed-in user (an order shipped, a refund, a licence key), or for
/// everyone (<see cref="UserId"/> null: a broadcast from the back office, whose read state is per user in
/// <see cref="BroadcastRead"/>). Written from integration events with the event's id as its own, so a redelivered
/// event cannot notify twice.
/// </summary>
internal sealed class InAppNotification
{
    public const int TitleMaxLength = 160;
    public const int BodyMaxLength = 600;
    public const int LinkMaxLength = 300;

    /// <summary>Broadcasts older than this are no longer shown (a customer who signs up next year need not read them).</summary>
    public static readonly TimeSpan BroadcastShownFor = TimeSpan.FromDays(30);

    public Guid Id { get; init; }

    /// <summary>Whose it is; null for a broadcast to every signed-in shopper.</summary>
    public string? UserId { get; init; }

    public string Kind { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string Body { get; init; } = string.Empty;

    /// <summary>A path in the shop (never another site): where the entry leads.</summary>
    public string? Link { get; init; }

    public DateTime CreatedAt { get; init; }

    /// <summary>When its user read it (personal entries only).</summary>
    public DateTime? ReadAt { get; set; }

    /// <summary>Shortens text to what the column holds, with an ellipsis rather than an error.</summary>
    public static string Fit(string text, int maxLength) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 1), "…");
}

/// <summary>A user read a broadcast.</summary>
internal sealed class BroadcastRead
{
    public Guid NotificationId { get; init; }

    public string UserId { get; init; } = string.Empty;

    public DateTime ReadAt { get; init; }
}

/// <summary>What a notification is about; the centre shows an icon and wording per kind.</summary>
internal static class NotificationKinds
{
    public const string OrderShipped = "order-shipped";
    public const string RefundIssued = "refund-issued";
    public const string LicenseKeysIssued = "license-keys-issued";
    public const string Broadcast = "broadcast";
}
