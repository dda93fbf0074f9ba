using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Runs every consuming module of this process: its transport subscription (one consumer group per module) and
/// its retry worker, which re-attempts failed events from the inbox when they are due.
/// </summary>
internal sealed partial class EventConsumers : BackgroundService
{
    private static readonly TimeSpan RetryPoll = TimeSpan.FromMilliseconds(250);
    private readonly IServiceScopeFactory scopes;
    private readonly ModuleDatabaseRegistry registry;
    private readonly IEnumerable<EventSubscription> subscriptions;
    private readonly IEventTransport transport;
    private readonly OutboxSignal outboxSignal;
    private readonly EventBusOptions options;
    private readonly TimeProvider clock;
    private readonly ILoggerFactory loggers;
    private readonly ILogger<EventConsumers> logger;
    private readonly string owner = $"{InstanceName.Value}/{Guid.NewGuid():N}";
    private IReadOnlyList<ModuleEventConsumer>? consumers;

    public EventConsumers(
        IServiceScopeFactory scopes,
        ModuleDatabaseRegistry registry,
        IEnumerable<EventSubscription> subscriptions,
        IEventTransport transport,
        OutboxSignal outboxSignal,
        IOptions<EventBusOptions> options,
        TimeProvider clock,
        ILoggerFactory loggers)
    {
        this.scopes = scopes;
        this.registry = registry;
        this.subscriptions = subscriptions;
        this.transport = transport;
        this.outboxSignal = outboxSignal;
        this.options = options.Value;
        this.clock = clock;
        this.loggers = loggers;
        logger = loggers.CreateLogger<EventConsumers>();
    }

    /// <summary>The consuming modules of this process (after start).</summary>
    public IReadOnlyList<ModuleEventConsumer> Consumers => consumers ??= Build();

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Subscriptions are made before the first await: the relay, started next, finds them in place.
        var running = Consumers.Select(c => transport.ConsumeAsync(c.ModuleName, c.EventNames, c.DeliverAsync, stoppingToken)).ToList();
        running.Add(RetryLoopAsync(stoppingToken));
        return Task.WhenAll(running);
    }

    private async Task RetryLoopAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var consumer in Consumers)
            {
                try
                {
                    while (await consumer.RetryDueAsync(owner, stoppingToken) > 0)
                    {
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    LogRetryLoopFailed(logger, consumer.ModuleName, ex);
                }
            }

            try
            {
                await Task.Delay(RetryPoll, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private List<ModuleEventConsumer> Build()
    {
        var result = new List<ModuleEventConsumer>();
        foreach (var byModule in subscriptions.GroupBy(s => s.ModuleName, StringComparer.OrdinalIgnoreCase))
        {
            var database = registry.All.FirstOrDefault(d => string.Equals(d.ModuleName, byModule.Key, StringComparison.OrdinalIgnoreCase))
                ?? throw new InvalidOperationException($"Module {byModule.Key} handles integration events but registered no module database (its inbox lives there).");
            result.Add(new ModuleEventConsumer(scopes, database, byModule, options, outboxSignal, clock, loggers.CreateLogger($"Nexus.Events.{database.ModuleName}")));
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrying failed events of {Consumer} failed; trying again shortly")]
    private static partial void LogRetryLoopFailed(ILogger logger, string consumer, Exception exception);
}
