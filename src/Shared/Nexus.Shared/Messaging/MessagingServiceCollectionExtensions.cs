using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Health;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Messaging;

public static class MessagingServiceCollectionExtensions
{
    /// <summary>
    /// The integration event bus: publisher (outbox), relay, consumers (inbox, retries, dead letters), and the
    /// transport — Redis Streams when <c>Redis:ConnectionString</c> is set, in-process otherwise.
    /// </summary>
    public static IServiceCollection AddNexusMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EventBusOptions>()
            .Bind(configuration.GetSection(EventBusOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OutboxSignal>();
        services.AddScoped<IIntegrationEventPublisher, IntegrationEventPublisher>();
        // Commands' commits on SQLite grouped into shared transactions (decision 0014); on by default, ignored on the other providers.
        var groupCommit = configuration.GetValue<bool?>(SqliteGroupCommit.Setting) ?? true;
        services.TryAddSingleton(sp => new SqliteGroupCommit(groupCommit, sp.GetService<AfterCommit>(), sp.GetRequiredService<ILogger<SqliteGroupCommit>>()));
        if (string.IsNullOrWhiteSpace(configuration[HealthServiceCollectionExtensions.RedisSetting]))
        {
            services.AddSingleton<IEventTransport, InProcessEventTransport>();
            services.AddSingleton<IFanOut, InProcessFanOut>();
        }
        else
        {
            services.AddSingleton<IEventTransport, RedisEventTransport>();
            services.AddSingleton<IFanOut, RedisFanOut>();
        }

        // Consumers before the relay: in process, the relay must find the subscriptions in place.
        services.AddSingleton<EventConsumers>();
        services.AddHostedService(sp => sp.GetRequiredService<EventConsumers>());
        services.AddSingleton<OutboxRelay>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddSingleton<EventStoragePruning>();
        services.AddHostedService(sp => sp.GetRequiredService<EventStoragePruning>());
        services.AddSingleton<EventsAdministration>();
        services.AddSingleton(new BackOfficeSection("Events", "/admin/events", "Integration events: outboxes, retries and dead letters", NexusPolicies.BackOffice, Order: 800));
        return services;
    }

    /// <summary>
    /// Declares that <paramref name="moduleName"/> handles <typeparamref name="TEvent"/> with <typeparamref name="THandler"/>.
    /// The module's database holds its inbox; its consumer group is named after the module.
    /// </summary>
    public static IServiceCollection AddIntegrationEventHandler<TEvent, THandler>(this IServiceCollection services, string moduleName)
        where TEvent : IntegrationEvent
        where THandler : class, IIntegrationEventHandler<TEvent>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(moduleName);
        var (name, version) = IntegrationEventContract.Of(typeof(TEvent));
        services.AddScoped<THandler>();
        services.AddSingleton(new EventSubscription(
            moduleName, typeof(TEvent), name, version, typeof(THandler),
            (provider, integrationEvent, cancellationToken) => provider.GetRequiredService<THandler>().HandleAsync((TEvent)integrationEvent, cancellationToken)));
        return services;
    }
}
