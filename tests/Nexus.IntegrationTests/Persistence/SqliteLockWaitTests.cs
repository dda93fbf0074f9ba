using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Nexus.Shared.Persistence;

namespace Nexus.IntegrationTests.Persistence;

/// <summary>
/// The busy handler SQLite connections get (SqliteLockWait): a writer that finds the writer lock taken waits and takes
/// it about when it is released — not up to 100 ms later, as SQLite's own busy_timeout sleeps — and the wait is counted.
/// </summary>
internal sealed class SqliteLockWaitTests
{
    [Test]
    public async Task A_waiting_writer_takes_the_lock_within_a_few_milliseconds_of_its_release_and_the_wait_is_counted()
    {
        var file = Path.Combine(Path.GetTempPath(), $"nexus-lockwait-{Guid.NewGuid():N}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
        try
        {
            await using (var setup = new SqliteConnection(connectionString))
            {
                await setup.OpenAsync();
                await using var create = setup.CreateCommand();
                create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE t (n INTEGER NOT NULL);";
                await create.ExecuteNonQueryAsync();
            }

            long waits = 0;
            using var listener = new MeterListener();
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == SqliteLockWait.MeterName && instrument.Name == "nexus.sqlite.lock_waits")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref waits, value));
            listener.Start();

            await using var holder = new SqliteConnection(connectionString);
            await using var waiter = new SqliteConnection(connectionString);
            holder.Open();
            waiter.Open();
            SqliteLockWait.Install(holder);
            SqliteLockWait.Install(waiter);

            using var held = holder.BeginTransaction(deferred: false); // BEGIN IMMEDIATE: the writer lock is taken
            var released = 0L;
            var writer = Task.Run(() =>
            {
                using var insert = waiter.CreateCommand();
                insert.CommandText = "INSERT INTO t (n) VALUES (1)";
                insert.ExecuteNonQuery();
                return Stopwatch.GetTimestamp();
            });

            await Task.Delay(150);
            writer.IsCompleted.Should().BeFalse("the lock is still held");
            released = Stopwatch.GetTimestamp();
            held.Commit();
            var wroteAt = await writer;

            Stopwatch.GetElapsedTime(released, wroteAt).Should().BeLessThan(TimeSpan.FromMilliseconds(60),
                "the waiter polls every millisecond rather than sleeping 50-100 ms (busy_timeout) or 150 ms (the provider's retry) at a time");
            Interlocked.Read(ref waits).Should().BeGreaterThanOrEqualTo(1);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
