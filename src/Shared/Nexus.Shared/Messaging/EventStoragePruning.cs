using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Keeps the outboxes and inboxes from growing without bound: every event leaves one row on each side, forever
/// otherwise. Deletes outbox rows published longer ago than <see cref="EventBusOptions.PublishedRetention"/> and
/// inbox rows processed longer ago than <see cref="EventBusOptions.ProcessedRetention"/>. Rows still pending,
/// retrying or dead-lettered are never touched: they are the ones someone may still need.
/// <para>
/// A processed inbox row is what makes a redelivery harmless, so its retention must outlast any redelivery: Redis
/// hands an unacknowledged entry to another consumer after <see cref="EventBusOptions.RedisClaimIdle"/> (a minute),
/// and a relay lease lasts <see cref="EventBusOptions.LeaseDuration"/>; a week is far beyond both. Runs in every
/// host process that carries module databases (the extracted Licensing service too), so it is a hosted loop rather
/// than a Hangfire recurring job (the extracted service runs no job server); on PostgreSQL several instances may prune at once, which only deletes the same rows once.
/// Deletes in chunks so SQLite's single writer is never held for long.
/// </para>
/// </summary>
internal sealed partial class EventStoragePruning : BackgroundService
{
    private const int Chunk = 2_000;
    private static readonly TimeSpan FirstRunDelay = TimeSpan.FromMinutes(1);
    private readonly IServiceScopeFactory scopes;
    private readonly ModuleDatabaseRegistry registry;
    private readonly EventBusOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<EventStoragePruning> logger;

    public EventStoragePruning(
        IServiceScopeFactory scopes,
        ModuleDatabaseRegistry registry,
        IOptions<EventBusOptions> options,
        TimeProvider clock,
        ILogger<EventStoragePruning> logger)
    {
        this.scopes = scopes;
        this.registry = registry;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>One pass over every module database; returns the rows deleted (outbox, inbox).</summary>
    public async Task<(int Outbox, int Inbox)> PruneOnceAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var publishedBefore = now - options.PublishedRetention;
        var processedBefore = now - options.ProcessedRetention;
        int outbox = 0, inbox = 0;
        foreach (var module in registry.All)
        {
            int deleted;
            do
            {
                await using var scope = scopes.CreateAsyncScope();
                var context = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
                deleted = await context.Outbox.Where(m => m.PublishedAt != null && m.PublishedAt < publishedBefore)
                    .OrderBy(m => m.PublishedAt).Take(Chunk).ExecuteDeleteAsync(cancellationToken);
                outbox += deleted;
            }
            while (deleted == Chunk);

            do
            {
                await using var scope = scopes.CreateAsyncScope();
                var context = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
                deleted = await context.Inbox.Where(m => m.Status == InboxStatus.Processed && m.ProcessedAt < processedBefore)
                    .OrderBy(m => m.ProcessedAt).Take(Chunk).ExecuteDeleteAsync(cancellationToken);
                inbox += deleted;
            }
            while (deleted == Chunk);
        }

        if (outbox + inbox > 0)
        {
            LogPruned(logger, outbox, inbox);
        }

        return (outbox, inbox);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(FirstRunDelay, clock, stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await PruneOnceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    // The database is down or busy: the rows simply wait for the next pass.
                    LogPruneFailed(logger, ex);
                }

                await Task.Delay(options.PruneInterval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Pruned {Outbox} published outbox row(s) and {Inbox} processed inbox row(s) past their retention")]
    private static partial void LogPruned(ILogger logger, int outbox, int inbox);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pruning the event tables failed; trying again at the next interval")]
    private static partial void LogPruneFailed(ILogger logger, Exception exception);
}
