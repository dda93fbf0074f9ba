using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Nexus.Shared.Persistence;

/// <summary>
/// How a SQLite connection waits for the database's single writer lock. SQLite's own <c>busy_timeout</c> handler sleeps
/// 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50 and then 100 ms between tries: a writer queued behind a few short
/// transactions (requests, the outbox relay, event consumers all write) oversleeps the moment the lock is free by tens of
/// milliseconds, and that was the tail of event delivery. This handler yields at first and then polls every millisecond,
/// so a waiter takes the lock about when it is released, and gives up after <see cref="Timeout"/> like busy_timeout would
/// (the statement then fails with SQLITE_BUSY, which Microsoft.Data.Sqlite retries until the command timeout).
/// SQLitePCLRaw has no binding for <c>sqlite3_busy_handler</c>, so it is called in the same native library directly.
/// Waits are counted (<c>nexus.sqlite.lock_waits</c>) and timed (<c>nexus.sqlite.lock_wait_time</c>, the time spent in
/// this handler, in milliseconds) for the benchmarks and for operators.
/// </summary>
internal static partial class SqliteLockWait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string MeterName = "Nexus.Persistence";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Waits = Meter.CreateCounter<long>(
        "nexus.sqlite.lock_waits", "{wait}", "Statements that found the SQLite writer lock taken and waited for it");
    private static readonly Counter<double> WaitTime = Meter.CreateCounter<double>(
        "nexus.sqlite.lock_wait_time", "ms", "Time SQLite connections spent waiting for the writer lock");

    // The handler runs on the thread whose statement is waiting; one wait at a time per thread.
    [ThreadStatic]
    private static long waitStartedAt;

    public static unsafe void Install(SqliteConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var handle = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var rc = sqlite3_busy_handler(handle.DangerousGetHandle(), &OnBusy, IntPtr.Zero);
        if (rc != 0)
        {
            throw new InvalidOperationException($"sqlite3_busy_handler failed with {rc}.");
        }
    }

    /// <summary>SQLite calls this while the lock is taken; <paramref name="tries"/> is 0 on the first call of a wait.
    /// Returning 0 ends the wait with SQLITE_BUSY, anything else tries again.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OnBusy(IntPtr state, int tries)
    {
        var now = Stopwatch.GetTimestamp();
        if (tries == 0)
        {
            waitStartedAt = now;
            Waits.Add(1);
        }

        if (Stopwatch.GetElapsedTime(waitStartedAt, now) >= Timeout)
        {
            return 0;
        }

        // The lock is usually held for well under a millisecond: a couple of yields catch most releases cheaply.
        if (tries < 3)
        {
            Thread.Yield();
        }
        else
        {
            Thread.Sleep(1);
        }

        WaitTime.Add(Stopwatch.GetElapsedTime(now).TotalMilliseconds);
        return 1;
    }

    [LibraryImport("e_sqlite3")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe partial int sqlite3_busy_handler(IntPtr db, delegate* unmanaged[Cdecl]<IntPtr, int, int> handler, IntPtr state);
}
