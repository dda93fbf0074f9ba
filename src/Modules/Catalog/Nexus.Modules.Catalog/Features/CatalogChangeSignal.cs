using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Application;
using Nexus.Shared.Background;
using Nexus.Shared.Messaging;

namespace Nexus.Modules.Catalog.Features;

/// <summary>
/// Tells every instance's <see cref="CatalogSnapshotCache"/> that the catalog changed, once the change is committed. As
/// an interceptor on the catalog's context it notices every save that changes catalog rows (anything but the outbox and
/// inbox) and queues the signal with <see cref="AfterCommit"/>, which runs it when those rows are durable — after the
/// save itself, after the caller's transaction commits (the CSV import, an event consumer's batch), or after the SQLite
/// group commit — and drops it when they are rolled back. The signal empties this instance's cache at once (the admin
/// who saved sees the change on the next request) and broadcasts on <see cref="Channel"/> for the other instances.
/// Signalling before the commit would let a request in between reload the old rows into a cache stamped as current.
/// Writes that bypass the change tracker (bulk inserts, <c>ExecuteUpdate</c>, raw SQL) call
/// <see cref="SignalAfterCommitAsync"/> — the one way every catalog write path reaches the caches.
/// </summary>
internal sealed class CatalogChangeSignal : SaveChangesInterceptor
{
    public const string Channel = "catalog:changed";

    private readonly CatalogSnapshotCache cache;
    private readonly IFanOut fanOut;
    private readonly AfterCommit afterCommit;
    private readonly ILogger<CatalogChangeSignal> logger;
    private readonly Func<CancellationToken, Task> signal;

    public CatalogChangeSignal(CatalogSnapshotCache cache, IFanOut fanOut, AfterCommit afterCommit, ILogger<CatalogChangeSignal> logger)
    {
        this.cache = cache;
        this.fanOut = fanOut;
        this.afterCommit = afterCommit;
        this.logger = logger;
        signal = _ => SignalAsync();
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return result;
    }

    /// <summary>
    /// For writes the change tracker does not see: signals once <paramref name="context"/>'s current transaction commits
    /// (never if it rolls back), or at once when there is none (the statement has committed by itself).
    /// </summary>
    public Task SignalAfterCommitAsync(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Database.CurrentTransaction is null)
        {
            return SignalAsync();
        }

        afterCommit.Enqueue(context, signal);
        return Task.CompletedTask;
    }

    /// <summary>Invalidates here and tells the other instances.</summary>
    public async Task SignalAsync()
    {
        cache.Invalidate();
        try
        {
            await fanOut.BroadcastAsync(Channel, "changed");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Best effort: other instances fall back to the cache's maximum age (and the integration events).
            logger.LogWarning(ex, "Could not broadcast a catalog change to other instances");
        }
    }

    private void Note(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var changed = context.ChangeTracker.Entries().Any(e =>
            e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
            && e.Entity is not OutboxMessage and not InboxMessage);
        if (changed)
        {
            afterCommit.Enqueue(context, signal);
        }
    }
}

/// <summary>
/// Listens on the fan-out channel, so a change saved on another instance empties this one's cache. Redis being
/// down (at start or later) must not stop the shop: subscribing is retried with the shared reconnect backoff, and the
/// cache is emptied once the subscription stands, since broadcasts sent meanwhile were missed (the snapshot's
/// maximum age bounds how stale this instance can be until then).
/// </summary>
internal sealed partial class CatalogCacheListener : BackgroundService
{
    private readonly IFanOut fanOut;
    private readonly CatalogSnapshotCache cache;
    private readonly ILogger<CatalogCacheListener> logger;

    public CatalogCacheListener(IFanOut fanOut, CatalogSnapshotCache cache, ILogger<CatalogCacheListener> logger)
    {
        this.fanOut = fanOut;
        this.cache = cache;
        this.logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var subscription = await SubscribeAsync(stoppingToken);
        if (subscription is null)
        {
            return;
        }

        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            await subscription.DisposeAsync();
        }
    }

    private async Task<IAsyncDisposable?> SubscribeAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                var subscription = await fanOut.SubscribeAsync(CatalogChangeSignal.Channel, _ =>
                {
                    cache.Invalidate();
                    return Task.CompletedTask;
                }, stoppingToken);
                if (attempt > 1)
                {
                    cache.Invalidate();
                    LogSubscribed(attempt);
                }

                return subscription;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return null;
            }
            catch (Exception exception)
            {
                LogSubscribeFailed(exception, attempt);
                try
                {
                    await Task.Delay(RetryPolicy.Reconnect.DelayAfter(attempt), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to catalog changes from other instances (attempt {Attempt}); retrying. Until then this instance's listing cache relies on its maximum age.")]
    private partial void LogSubscribeFailed(Exception exception, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subscribed to catalog changes from other instances after {Attempt} attempts; the listing cache was emptied.")]
    private partial void LogSubscribed(int attempt);
}
