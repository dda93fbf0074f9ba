using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Persistence;

namespace Nexus.IntegrationTests.Persistence;

/// <summary>
/// The writer gate (SqliteWriterGate): this process's SQLite write transactions queue for the writer lock without a
/// thread each — a second writer waits at the gate, not in SQLite's busy handler — and a transaction that is never
/// ended can delay the others by at most the gate's bound, never stall them.
/// </summary>
// Alone: the lock-wait counter is process-wide, and other fixtures' SQLite writers would add to it.
[NonParallelizable]
internal sealed class SqliteWriterGateTests
{
    private string _file = "";
    private string _connectionString = "";

    [SetUp]
    public async Task CreateDatabaseAsync()
    {
        _file = Path.Combine(Path.GetTempPath(), $"nexus-gate-{Guid.NewGuid():N}.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = _file, Pooling = false }.ToString();
        await using var setup = new SqliteConnection(_connectionString);
        await setup.OpenAsync();
        await using var create = setup.CreateCommand();
        create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE rows (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER NOT NULL);";
        await create.ExecuteNonQueryAsync();
    }

    [TearDown]
    public void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(path);
        }
    }

    [Test]
    public async Task A_second_writer_waits_at_the_gate_not_in_sqlite_and_goes_on_when_the_first_commits()
    {
        long lockWaits = 0;
        using var listener = CountLockWaits(value => Interlocked.Add(ref lockWaits, value));

        await using var first = NewContext();
        await using var second = NewContext();
        await using var held = await first.Database.BeginTransactionAsync();
        first.Rows.Add(new Row { N = 1 });
        await first.SaveChangesAsync();

        var writer = WriteOneAsync(second, 2);
        await Task.Delay(200);
        writer.IsCompleted.Should().BeFalse("the first transaction still holds the gate");

        var released = Stopwatch.GetTimestamp();
        await held.CommitAsync();
        await writer;

        Stopwatch.GetElapsedTime(released).Should().BeLessThan(TimeSpan.FromSeconds(1));
        Interlocked.Read(ref lockWaits).Should().Be(0, "the second writer never reached SQLite's busy handler");
        (await second.Rows.CountAsync()).Should().Be(2);
    }

    [Test]
    public async Task Fifty_concurrent_writers_all_commit()
    {
        var writers = Enumerable.Range(0, 50).Select(async n =>
        {
            await using var context = NewContext();
            await WriteOneAsync(context, n);
        });

        await Task.WhenAll(writers);

        await using var check = NewContext();
        (await check.Rows.CountAsync()).Should().Be(50);
    }

    [Test]
    public async Task A_transaction_never_ended_on_a_connection_opened_by_hand_delays_other_writers_by_at_most_the_bound()
    {
        await using var forgetful = NewContext();
        await forgetful.Database.OpenConnectionAsync();
        var transaction = await forgetful.Database.BeginTransactionAsync();
        forgetful.Rows.Add(new Row { N = 1 });
        await forgetful.SaveChangesAsync();
        // Disposed without commit or rollback: SQLite rolls back and frees its lock, the connection stays open.
        await transaction.DisposeAsync();

        var started = Stopwatch.GetTimestamp();
        await using var other = NewContext();
        await WriteOneAsync(other, 2);

        Stopwatch.GetElapsedTime(started).Should().BeLessThan(SqliteWriterGate.MaxWait + TimeSpan.FromSeconds(3));
        (await other.Rows.Select(r => r.N).ToListAsync()).Should().Equal(2);
    }

    private static async Task WriteOneAsync(GateTestContext context, int n)
    {
        await using var transaction = await context.Database.BeginTransactionAsync();
        context.Rows.Add(new Row { N = n });
        await context.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static MeterListener CountLockWaits(Action<long> add)
    {
        var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == SqliteLockWait.MeterName && instrument.Name == "nexus.sqlite.lock_waits")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => add(value));
        listener.Start();
        return listener;
    }

    private GateTestContext NewContext() => new(new DbContextOptionsBuilder<GateTestContext>()
        .UseSqlite(_connectionString)
        .AddInterceptors(SqliteConnectionTuning.Instance, SqliteWriterGate.Instance)
        .Options);

    private sealed class Row
    {
        public int Id { get; set; }

        public int N { get; set; }
    }

    private sealed class GateTestContext(DbContextOptions<GateTestContext> options) : DbContext(options)
    {
        public DbSet<Row> Rows => Set<Row>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Row>().ToTable("rows").Property(r => r.N).HasColumnName("n");
    }
}
