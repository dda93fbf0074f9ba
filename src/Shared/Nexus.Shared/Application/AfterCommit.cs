using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Nexus.Shared.Application;

/// <summary>
/// Work that must happen only once a module's changes are durable — a live notification to browsers, say — and
/// never for changes that are rolled back. A handler queues it against the module's <see cref="DbContext"/>; it
/// runs right after that context's next successful commit (the unit of work's or the event inbox's
/// <c>SaveChanges</c>, or the explicit transaction around it) and is dropped when the save fails, the transaction
/// rolls back or the context is thrown away unsaved (a failed event batch is redone in fresh scopes, so its
/// queued work goes with it). Actions are best effort: the commit stands whatever they do; a failure is logged.
/// </summary>
/// <remarks>
/// An EF Core interceptor rather than a step in the unit of work, because two different commit paths
/// (<c>UnitOfWorkBehavior</c> for commands and the event consumer for integration events) must both honour it,
/// and only the context knows when its transaction really committed.
/// </remarks>
public sealed partial class AfterCommit : SaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Func<CancellationToken, Task>>> pending = [];
    private readonly ILogger<AfterCommit> logger;

    public AfterCommit(ILogger<AfterCommit> logger) => this.logger = logger;

    /// <summary>Runs <paramref name="action"/> after <paramref name="context"/> next commits (never if it does not).</summary>
    public void Enqueue(DbContext context, Func<CancellationToken, Task> action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var actions = pending.GetOrCreateValue(context);
        lock (actions)
        {
            actions.Add(action);
        }
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        // Inside an explicit transaction the changes are not durable yet: TransactionCommittedAsync runs them.
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            await RunAsync(context, cancellationToken);
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            RunAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Drop(eventData?.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData?.Context);
        return Task.CompletedTask;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData?.Context is { } context)
        {
            await RunAsync(context, cancellationToken);
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData?.Context is { } context)
        {
            RunAsync(context, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData?.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData?.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="context"/>'s queued work after a commit EF did not see: the SQLite group commit saves a
    /// context inside a transaction of its own connection and commits that itself (<see cref="Persistence.SqliteGroupCommit"/>).
    /// </summary>
    internal Task CommittedElsewhereAsync(DbContext context, CancellationToken cancellationToken) => RunAsync(context, cancellationToken);

    /// <summary>Drops <paramref name="context"/>'s queued work after its changes were rolled back where EF did not see it.</summary>
    internal void RolledBackElsewhere(DbContext context) => Drop(context);

    private void Drop(DbContext? context)
    {
        if (context is not null)
        {
            pending.Remove(context);
        }
    }

    private async Task RunAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (!pending.TryGetValue(context, out var queued))
        {
            return;
        }

        pending.Remove(context);
        Func<CancellationToken, Task>[] actions;
        lock (queued)
        {
            actions = [.. queued];
        }

        foreach (var action in actions)
        {
            try
            {
                await action(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogActionFailed(logger, context.GetType().Name, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "An after-commit action of {Context} failed (the commit stands)")]
    private static partial void LogActionFailed(ILogger logger, string context, Exception exception);
}
