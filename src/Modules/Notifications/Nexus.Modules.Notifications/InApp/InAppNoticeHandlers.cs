using Nexus.Modules.Licensing.Contracts.Events;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Notifications.Live;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Globalization;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.InApp;

/// <summary>
/// Writes a customer's notification for an event in the same commit as the module's inbox row (the event's id is the
/// entry's, so a redelivery finds it), then tells their open pages to re-read the bell. Guests have no centre.
/// </summary>
internal sealed class InAppNotices(NotificationsDbContext db, LiveAfterCommit live)
{
    public async Task AddAsync(IntegrationEvent source, string? userId, string kind, string title, string body, string? link, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userId) || await db.InApp.FindAsync([source.EventId], cancellationToken) is not null)
        {
            return;
        }

        db.InApp.Add(new InAppNotification
        {
            Id = source.EventId,
            UserId = userId,
            Kind = kind,
            Title = InAppNotification.Fit(title, InAppNotification.TitleMaxLength),
            Body = InAppNotification.Fit(body, InAppNotification.BodyMaxLength),
            Link = link,
            CreatedAt = source.OccurredAt,
        });
        await live.QueueAsync((push, ct) => push.ToUserAsync(userId, new LiveMessage(LiveMessageTypes.NotificationCreated, 1, new { kind }), ct));
    }
}

internal sealed class OrderShippedNotice(InAppNotices notices) : IIntegrationEventHandler<OrderShipped>
{
    public Task HandleAsync(OrderShipped integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var what = integrationEvent.OrderFullyShipped ? "has shipped" : "has partly shipped";
        return notices.AddAsync(
            integrationEvent,
            integrationEvent.CustomerId,
            NotificationKinds.OrderShipped,
            $"Order {integrationEvent.OrderNumber} {what}",
            $"{integrationEvent.CarrierName ?? integrationEvent.Carrier}, tracking number {integrationEvent.TrackingNumber}.",
            $"/account/orders/{Uri.EscapeDataString(integrationEvent.OrderNumber)}",
            cancellationToken);
    }
}

internal sealed class RefundIssuedNotice(InAppNotices notices) : IIntegrationEventHandler<RefundIssued>
{
    public Task HandleAsync(RefundIssued integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return notices.AddAsync(
            integrationEvent,
            integrationEvent.CustomerId,
            NotificationKinds.RefundIssued,
            $"Refund for order {integrationEvent.OrderNumber}",
            $"{Money.Format(integrationEvent.AmountMinor, integrationEvent.Currency)} is on its way back to your payment method.",
            $"/account/orders/{Uri.EscapeDataString(integrationEvent.OrderNumber)}",
            cancellationToken);
    }
}

internal sealed class LicenseKeysIssuedNotice(InAppNotices notices) : IIntegrationEventHandler<LicenseKeysIssued>
{
    public Task HandleAsync(LicenseKeysIssued integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var keys = integrationEvent.Products.Sum(p => p.Keys);
        var products = string.Join(", ", integrationEvent.Products.Select(p => p.ProductName));
        return notices.AddAsync(
            integrationEvent,
            integrationEvent.CustomerId,
            NotificationKinds.LicenseKeysIssued,
            keys == 1 ? "Your licence key is ready" : $"Your {keys} licence keys are ready",
            $"For {products}.",
            "/account/licensing",
            cancellationToken);
    }
}
