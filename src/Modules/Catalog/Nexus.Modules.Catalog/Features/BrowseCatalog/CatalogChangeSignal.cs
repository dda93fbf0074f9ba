using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Background;
using Nexus.Shared.Messaging;

namespace Nexus.Modules.Catalog.Features.BrowseCatalog;

/// <summary>
/// Tells every instance's <see cref="CatalogSnapshotCache"/> that the catalog changed. As an interceptor on the
/// catalog's context it notices every save that changed catalog rows (anything but the outbox and inbox) and, once the
/// save succeeded, invalidates this instance's cache at once — so the admin who saved sees the change on the next
/// request — and broadcasts on <see cref="Channel"/> for the other instances. The catalog's integration events also
/// lead here (handled in the catalog module, once its events exist), which covers writes that bypass the change tracker.
/// </summary>
internal sealed class CatalogChangeSignal : SaveChangesInterceptor
{
    public const string Channel = "catalog:changed";

    private static readonly ConditionalWeakTable<DbContext, object> Pending = [];
    private static readonly object Marker = new();

    private readonly CatalogSnapshotCache cache;
    private readonly IFanOut fanOut;
    private readonly ILogger<CatalogChangeSignal> logger;

    public CatalogChangeSignal(CatalogSnapshotCache cache, IFanOut fanOut, ILogger<CatalogChangeSignal> logger)
    {
        this.cache = cache;
        this.fanOut = fanOut;
        this.logger = logger;
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

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await SignalAsync(eventData.Context);
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        SignalAsync(eventData.Context).GetAwaiter().GetResult();
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
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

    private static void Note(DbContext? context)
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
            Pending.AddOrUpdate(context, Marker);
        }
    }

    private static void Forget(DbContext? context)
    {
        if (context is not null)
        {
            Pending.Remove(context);
        }
    }

    private async Task SignalAsync(DbContext? context)
    {
        if (context is not null && Pending.Remove(context))
        {
            await SignalAsync();
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
