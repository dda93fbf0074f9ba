using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Publishes every module's outbox: woken when a transaction with events commits, and by a slow safety poll
/// (events committed by another instance, or left behind by a crash). On PostgreSQL and SQL Server rows are claimed with a lease
/// (owner + lease-until, set by one conditional UPDATE) so several instances never publish the same row at once
/// (SQLite serves a single instance and skips the lease); a row
/// is stamped published only after the transport accepted it. While the transport is down (Redis unavailable)
/// the rows simply wait, and the relay resumes on its own with backoff.
/// </summary>
internal sealed partial class OutboxRelay : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly ModuleDatabaseRegistry registry;
    private readonly IEventTransport transport;
    private readonly OutboxSignal signal;
    private readonly SqliteGroupCommit groupCommit;
    private readonly EventBusOptions options;
    private readonly TimeProvider clock;
    private readonly ILogger<OutboxRelay> logger;
    private readonly string owner = InstanceName.Value;

    public OutboxRelay(
        IServiceScopeFactory scopes,
        ModuleDatabaseRegistry registry,
        IEventTransport transport,
        OutboxSignal signal,
        SqliteGroupCommit groupCommit,
        IOptions<EventBusOptions> options,
        TimeProvider clock,
        ILogger<OutboxRelay> logger)
    {
        this.scopes = scopes;
        this.registry = registry;
        this.transport = transport;
        this.signal = signal;
        this.groupCommit = groupCommit;
        this.options = options.Value;
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>One pass over every module's outbox; returns how many events were published.</summary>
    public Task<int> RelayOnceAsync(CancellationToken cancellationToken) => RelayOnceAsync(null, cancellationToken);

    /// <summary>One pass over the outboxes of <paramref name="modules"/> (null: every module); returns how many events were published.</summary>
    public async Task<int> RelayOnceAsync(IReadOnlySet<string>? modules, CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var module in registry.All)
        {
            if (modules is not null && !modules.Contains(module.ModuleName))
            {
                continue;
            }

            int batch;
            do
            {
                batch = await RelayBatchAsync(module, cancellationToken);
                published += batch;
            }
            while (batch == options.BatchSize && !cancellationToken.IsCancellationRequested);
        }

        return published;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        IReadOnlySet<string>? modules = null; // every module: at start, after a failure and on the safety poll
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RelayOnceAsync(modules, stoppingToken);
                failures = 0;
                modules = await signal.WaitAsync(options.RelayPollInterval, stoppingToken) ? signal.TakeNotified() : null;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                modules = null;
                var delay = Background.RetryPolicy.Reconnect.DelayAfter(failures);
                LogRelayFailed(logger, transport.Name, delay.TotalMilliseconds, ex);
                try
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task<int> RelayBatchAsync(ModuleDatabase module, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var context = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        var now = clock.GetUtcNow().UtcDateTime;
        var (claimed, token) = new ModuleNaming(context.Database.ProviderName, module.Schema).IsSqlite
            ? (await PendingAsync(context, cancellationToken), (string?)null)
            : await ClaimAsync(context, now, cancellationToken);
        if (claimed.Count == 0)
        {
            EventMetrics.OutboxDrained(module.ModuleName);
            return 0;
        }

        // Rows come oldest first: the first is the outbox's oldest waiting event (among those free to claim).
        EventMetrics.OutboxPending(module.ModuleName, claimed[0].CreatedAt);
        var ids = claimed.Select(m => m.Id).ToList();
        var mine = context.Outbox.Where(m => ids.Contains(m.Id));
        if (token is not null)
        {
            mine = mine.Where(m => m.LeaseOwner == token);
        }

        try
        {
            await transport.PublishAsync(claimed.Select(m => m.ToEnvelope()).ToList(), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Give the rows back at once (rather than after the lease) so they go out as soon as the transport is back.
            var error = $"{ex.GetType().Name}: {ex.Message}";
            error = error.Length > 4000 ? error[..4000] : error;
            await mine.ExecuteUpdateAsync(
                u => u.SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseUntil, (DateTime?)null)
                    .SetProperty(m => m.PublishAttempts, m => m.PublishAttempts + 1).SetProperty(m => m.LastError, error),
                CancellationToken.None);
            throw;
        }

        var publishedAt = clock.GetUtcNow().UtcDateTime;
        Task Stamp(CancellationToken ct) => mine.ExecuteUpdateAsync(
            u => u.SetProperty(m => m.PublishedAt, publishedAt).SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null).SetProperty(m => m.PublishAttempts, m => m.PublishAttempts + 1),
            ct);
        if (groupCommit.Applies(context))
        {
            // On SQLite the stamp (one statement: no savepoint) rides in the next group commit. On its own it was an
            // autocommit UPDATE outside the writer gate, polling SQLite's busy handler while the groups of commands
            // queued through the gate held the lock — the relay's wait for the lock grew with the commands' rate.
            await groupCommit.RunAsync(context, Stamp, atomic: true, cancellationToken);
        }
        else
        {
            await Stamp(cancellationToken);
        }

        EventMetrics.RecordPublished(module.ModuleName, claimed, publishedAt);
        if (claimed.Count < options.BatchSize)
        {
            EventMetrics.OutboxDrained(module.ModuleName);
        }

        LogPublished(logger, claimed.Count, module.ModuleName, transport.Name);
        return claimed.Count;
    }

    /// <summary>
    /// SQLite serves one instance (PostgreSQL is the database for several), so this relay is the only one and needs no
    /// lease: one write per batch instead of two, which matters with SQLite's single writer lock.
    /// </summary>
    private async Task<List<OutboxMessage>> PendingAsync(ModuleDbContext context, CancellationToken cancellationToken) =>
        await context.Outbox.AsNoTracking().Where(m => m.PublishedAt == null)
            .OrderBy(m => m.CreatedAt).Take(options.BatchSize).ToListAsync(cancellationToken);

    /// <summary>
    /// Claims free rows with a lease. The claim repeats the "free" condition, so when two instances race for the same
    /// rows the database re-checks it row by row (PostgreSQL re-evaluates the WHERE of a row it waited for, SQL Server re-reads it under its update lock) and each
    /// row goes to one of them only; the winner reads its rows back by its unique token.
    /// </summary>
    private async Task<(List<OutboxMessage> Claimed, string? Token)> ClaimAsync(ModuleDbContext context, DateTime now, CancellationToken cancellationToken)
    {
        var candidates = await context.Outbox
            .Where(m => m.PublishedAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
            .OrderBy(m => m.CreatedAt).Select(m => m.Id).Take(options.BatchSize).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return ([], null);
        }

        var until = now + options.LeaseDuration;
        var token = $"{owner}/{Guid.NewGuid():N}";
        await context.Outbox
            .Where(m => candidates.Contains(m.Id) && m.PublishedAt == null && (m.LeaseUntil == null || m.LeaseUntil < now))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.LeaseOwner, token).SetProperty(m => m.LeaseUntil, until), cancellationToken);
        var claimed = await context.Outbox.AsNoTracking()
            .Where(m => candidates.Contains(m.Id) && m.LeaseOwner == token)
            .OrderBy(m => m.CreatedAt).ToListAsync(cancellationToken);
        return (claimed, token);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Relayed {Count} event(s) from the {Module} outbox through {Transport}")]
    private static partial void LogPublished(ILogger logger, int count, string module, string transport);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not publish through {Transport}; events wait in the outbox, retrying in {DelayMs} ms")]
    private static partial void LogRelayFailed(ILogger logger, string transport, double delayMs, Exception exception);
}
