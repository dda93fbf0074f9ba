using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Cart.Contracts.Events;
using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Modules.Notifications.Email;
using Nexus.Modules.Notifications.InApp;
using Nexus.Modules.Licensing.Contracts.Events;
using Nexus.Modules.Notifications.Live;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Account;
using Nexus.Shared.Application;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Live;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Notifications;

/// <summary>
/// Notifications: the e-mail outbox (templated messages, background delivery with retries) and its back-office view;
/// the notification centre (the header's bell, <c>/account/notifications</c>, admin broadcasts); and the live push
/// that turns other modules' events into messages on the shop's live channel.
/// </summary>
public static class NotificationsModule
{
    public const string Name = "Notifications";

    public static IServiceCollection AddNotificationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<NotificationsDbContext>(Name, NotificationsDbContext.SchemaName);
        // The sender is woken after the outbox row commits, never inside a transaction that may still roll back.
        services.AddAfterCommit<NotificationsDbContext>();
        services.AddModuleHandlers(typeof(NotificationsModule).Assembly);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<EmailSettings>()
            .Bind(configuration.GetSection(EmailSettings.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<EmailTemplateRenderer>();
        services.AddSingleton<EmailSender>();
        services.AddHostedService(provider => provider.GetRequiredService<EmailSender>());
        AddLivePush(services, configuration);
        AddNotificationCentre(services);
        services.AddSingleton(new BackOfficeSection("Mail", "/admin/mail", "E-mail sent, waiting and failed", NexusPolicies.BackOffice, Order: 300));
        return services;
    }

    /// <summary>
    /// Live push (decision 0026): integration events of other modules become messages on the shop's live channel,
    /// sent after this module's inbox commits. The handlers change nothing here; the inbox makes each event one push.
    /// </summary>
    private static void AddLivePush(IServiceCollection services, IConfiguration configuration)
    {
        services.AddNexusLive(configuration);
        services.AddScoped<LiveAfterCommit>();
        services.AddIntegrationEventHandler<CartUpdated, CartUpdatedLiveHandler>(Name);
        services.AddIntegrationEventHandler<StockChanged, StockChangedLiveHandler>(Name);
        services.AddIntegrationEventHandler<LowStockReached, LowStockReachedLiveHandler>(Name);
        services.AddIntegrationEventHandler<OrderStatusChanged, OrderStatusChangedLiveHandler>(Name);
        services.AddIntegrationEventHandler<OrderShipped, OrderShippedLiveHandler>(Name);
        services.AddIntegrationEventHandler<RefundIssued, RefundIssuedLiveHandler>(Name);
        services.AddIntegrationEventHandler<OrderPlaced, OrderPlacedLiveHandler>(Name);
    }

    /// <summary>The notification centre: entries written from events (in the inbox's commit), read by the bell and the page.</summary>
    private static void AddNotificationCentre(IServiceCollection services)
    {
        services.AddScoped<NotificationCentre>();
        services.AddScoped<InAppNotices>();
        services.AddIntegrationEventHandler<OrderShipped, OrderShippedNotice>(Name);
        services.AddIntegrationEventHandler<RefundIssued, RefundIssuedNotice>(Name);
        services.AddIntegrationEventHandler<LicenseKeysIssued, LicenseKeysIssuedNotice>(Name);
        services.AddSingleton(new AccountTab("notifications", "Notifications", "/account/notifications", "shipments, refunds, licence keys and news from the shop", Order: 55));
        services.AddSingleton(new BackOfficeSection("Broadcasts", "/admin/notifications", "A message to every customer's notification centre", NexusPolicies.Admin, Order: 310));
    }

    public static IEndpointRouteBuilder MapNotificationsModule(this IEndpointRouteBuilder endpoints) => endpoints;
}
