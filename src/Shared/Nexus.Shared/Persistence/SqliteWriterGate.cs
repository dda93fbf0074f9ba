using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nexus.Shared.Persistence;

/// <summary>
/// Queues this process's SQLite write transactions for the database's single writer lock without holding a thread:
/// a transaction waits, asynchronously and in arrival order, for the one before it to end, and only then sends
/// <c>BEGIN IMMEDIATE</c>. Without it every waiting writer blocks a thread inside SQLite's busy handler, waking every
/// millisecond (<see cref="SqliteLockWait"/>): with dozens of concurrent commands that was most of the CPU the event bus
/// spent per event, and a load average of 10–18 on two cores from one process (docs/benchmarks.md, fourth round).
/// </summary>
/// <remarks>
/// The gate is released when the transaction commits, rolls back or fails to start, and — for a transaction disposed
/// without either — when its connection closes (EF closes the connection it opened for the transaction, and a pooled
/// context's reset closes it too). A wait is bounded by <see cref="MaxWait"/>: past it the transaction goes ahead
/// ungated and SQLite's busy handler does the waiting, so a path that forgets to end a transaction can slow writers
/// down but never stall them. Other processes and raw connections (maintenance) are not gated; the busy handler stays
/// installed for them.
/// </remarks>
internal sealed class SqliteWriterGate : IDbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriterGate Instance = new();

    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(5);

    private static readonly Meter Meter = new(SqliteLockWait.MeterName);

    // Seconds; a free gate answers in microseconds, a queue of group commits in milliseconds, MaxWait is 5 s.
    private static readonly Histogram<double> WaitDuration = Meter.CreateHistogram(
        "nexus.sqlite.writer_wait",
        "s",
        "Time a write transaction waited in this process's queue for the SQLite writer lock",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5] });

    // One gate per database file (its data source); the modules' contexts share the file on the embedded default.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // The gate a connection holds while its transaction is open, if any.
    private static readonly ConditionalWeakTable<DbConnection, StrongBox<SemaphoreSlim?>> Held = [];

    private SqliteWriterGate()
    {
    }

    public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var (gate, held) = Prepare(connection);
        if (gate is not null && WaitMeasured(gate))
        {
            held.Value = gate;
        }

        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var (gate, held) = Prepare(connection);
        if (gate is not null && await WaitMeasuredAsync(gate, cancellationToken).ConfigureAwait(false))
        {
            held.Value = gate;
        }

        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(ConnectionOf(transaction, eventData));

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(ConnectionOf(transaction, eventData));

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(ConnectionOf(transaction, eventData));

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        // Failing to start means no lock is held; failing to commit or roll back ends the transaction either way.
        Release(ConnectionOf(transaction, eventData));
        return Task.CompletedTask;
    }

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(connection);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Release(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Waits for the gate of <paramref name="dataSource"/> for a writer that does not go through EF (the group commit's
    /// own connection); returns the gate to <see cref="Exit"/>, or null when the wait ran past <see cref="MaxWait"/>
    /// (the writer goes ahead ungated, as an EF transaction would).
    /// </summary>
    public static async Task<SemaphoreSlim?> EnterAsync(string dataSource, CancellationToken cancellationToken)
    {
        var gate = Gates.GetOrAdd(dataSource, static _ => new SemaphoreSlim(1, 1));
        return await WaitMeasuredAsync(gate, cancellationToken).ConfigureAwait(false) ? gate : null;
    }

    public static void Exit(SemaphoreSlim? gate) => gate?.Release();

    private static bool WaitMeasured(SemaphoreSlim gate)
    {
        var started = Stopwatch.GetTimestamp();
        var entered = gate.Wait(MaxWait);
        WaitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return entered;
    }

    /// <summary>Waits for the gate (at most <see cref="MaxWait"/>) and records how long it took, in <c>nexus.sqlite.writer_wait</c>.</summary>
    private static async Task<bool> WaitMeasuredAsync(SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var entered = await gate.WaitAsync(MaxWait, cancellationToken).ConfigureAwait(false);
        WaitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return entered;
    }

    private static (SemaphoreSlim? Gate, StrongBox<SemaphoreSlim?> Held) Prepare(DbConnection connection)
    {
        var held = Held.GetValue(connection, static _ => new StrongBox<SemaphoreSlim?>());
        // A connection that still holds the gate (a transaction ended without commit or rollback on a connection
        // opened by hand) keeps it: waiting for itself would only time out.
        if (held.Value is not null || connection is not SqliteConnection sqlite)
        {
            return (null, held);
        }

        var gate = Gates.GetOrAdd(sqlite.DataSource, static _ => new SemaphoreSlim(1, 1));
        return (gate, held);
    }

    // A completed ADO.NET transaction no longer names its connection; the context that ran it still does.
    private static DbConnection? ConnectionOf(DbTransaction transaction, TransactionEventData eventData) =>
        eventData.Context?.Database.GetDbConnection() ?? transaction.Connection;

    private static void Release(DbConnection? connection)
    {
        if (connection is null)
        {
            return;
        }

        if (Held.TryGetValue(connection, out var held) && Interlocked.Exchange(ref held.Value, null) is { } gate)
        {
            gate.Release();
        }
    }
}
