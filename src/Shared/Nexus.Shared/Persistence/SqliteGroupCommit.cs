using System.Collections.Concurrent;
using System.Data;
using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Application;

namespace Nexus.Shared.Persistence;

/// <summary>
/// Commits concurrent commands on SQLite together: one write transaction (one <c>BEGIN IMMEDIATE</c>, one
/// <c>COMMIT</c>, one turn of the writer lock) for all the commands that are waiting for it, each command inside a
/// savepoint of its own, so a command that fails takes only its own changes with it. SQLite has one writer at a
/// time, so concurrent commands queue for the lock anyway; what grouping removes is the per-transaction cost — the
/// lock's hand-over through <see cref="SqliteWriterGate"/>, the commit's write of the same outbox pages to the log
/// again and again — which was the largest share of a small command's CPU (docs/benchmarks.md, decision 0014).
/// </summary>
/// <remarks>
/// <para>
/// One writer loop per database file holds its own open connection. A command's unit of work hands it its context
/// and the work to do (the context's <c>SaveChanges</c> and the outbox and inbox rows, <see cref="Messaging.IntegrationEventPublisher"/>);
/// the loop points the context at the shared connection and transaction for the length of the work and then gives
/// the context its own connection string back, so the pooled context leaves as it came. A command learns the outcome
/// only after the shared commit: success means durable, as before. A failed commit fails every command of the group
/// (none of their changes were written); a failure that ends the whole transaction inside one command's savepoint
/// does the same.
/// </para>
/// <para>
/// A command whose only write is one multi-row insert statement needs no savepoint: SQLite undoes a failed
/// statement on its own and leaves the transaction open. Work queued with <see cref="AfterCommit"/> runs after the shared
/// commit, in the command's own flow. The command's execution context (logging scope, correlation id) flows into
/// its work. Commands that run in a transaction of their own making, on PostgreSQL or SQL Server, or with
/// <c>Database:SqliteGroupCommit=false</c> commit alone as before.
/// </para>
/// </remarks>
internal sealed partial class SqliteGroupCommit : IAsyncDisposable
{
    public const string Setting = "Database:SqliteGroupCommit";

    /// <summary>Commands per transaction at most: bounds how long one group holds the writer lock from the relay and consumers.</summary>
    public const int MaxCommandsPerTransaction = 64;

    private static readonly Meter Meter = new(SqliteLockWait.MeterName);
    private static readonly Counter<long> GroupCommits = Meter.CreateCounter<long>(
        "nexus.sqlite.group_commits", description: "SQLite write transactions committed for groups of commands");
    private static readonly Counter<long> GroupedCommands = Meter.CreateCounter<long>(
        "nexus.sqlite.group_commit_commands", description: "Commands committed in SQLite group transactions");

    private readonly ConcurrentDictionary<string, Writer> writers = new(StringComparer.Ordinal);
    private readonly AfterCommit? afterCommit;
    private readonly ILogger<SqliteGroupCommit> logger;
    private readonly CancellationTokenSource stopping = new();
    private long groups;
    private long commands;

    public SqliteGroupCommit(bool enabled, AfterCommit? afterCommit, ILogger<SqliteGroupCommit> logger)
    {
        Enabled = enabled;
        this.afterCommit = afterCommit;
        this.logger = logger;
    }

    public bool Enabled { get; }

    /// <summary>Group transactions committed by this instance, and the commands in them (tests and diagnostics).</summary>
    internal (long Transactions, long Commands) Committed => (Interlocked.Read(ref groups), Interlocked.Read(ref commands));

    /// <summary>
    /// Called with the number of pieces of work in each group transaction that committed (tests: the relay's stamps and
    /// the consumers' batches join groups too, so counters alone cannot tell which group the commands under test were in).
    /// </summary>
    internal event Action<int>? GroupCommitted;

    /// <summary>Commands waiting for their group (tests).</summary>
    internal int Queued => writers.Values.Sum(w => w.Queue.Reader.Count);

    /// <summary>Whether <paramref name="context"/>'s commit can join a group: SQLite, no transaction of its own, connection not held open.</summary>
    public bool Applies(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var database = context.Database;
        return Enabled && !stopping.IsCancellationRequested && database.CurrentTransaction is null && database.IsSqlite()
            && database.GetDbConnection().State == ConnectionState.Closed;
    }

    /// <summary>
    /// Runs <paramref name="work"/> on <paramref name="context"/> inside the next group transaction and returns once that
    /// committed (or throws what failed the work or the commit). <paramref name="atomic"/>: the work is a single statement.
    /// </summary>
    public async Task RunAsync(DbContext context, Func<CancellationToken, Task> work, bool atomic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var connectionString = context.Database.GetConnectionString()
            ?? throw new InvalidOperationException("The SQLite context has no connection string.");
        if (!writers.TryGetValue(connectionString, out var writer))
        {
            lock (writers)
            {
                writer = writers.GetOrAdd(connectionString, static (cs, self) => new Writer(cs, self), this);
            }
        }

        var item = new Item(context, work, atomic, ExecutionContext.Capture(), cancellationToken);
        if (!writer.Queue.Writer.TryWrite(item))
        {
            throw new ObjectDisposedException(nameof(SqliteGroupCommit));
        }

        try
        {
            await item.Completion.Task.ConfigureAwait(false);
        }
        catch
        {
            afterCommit?.RolledBackElsewhere(context);
            throw;
        }

        if (afterCommit is not null)
        {
            await afterCommit.CommittedElsewhereAsync(context, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        foreach (var writer in writers.Values)
        {
            writer.Queue.Writer.TryComplete();
            await writer.Loop.ConfigureAwait(false);
        }

        stopping.Dispose();
    }

    private async Task RunLoopAsync(Writer writer)
    {
        var group = new List<Item>(MaxCommandsPerTransaction);
        var reader = writer.Queue.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stopping.Token).ConfigureAwait(false))
            {
                group.Clear();
                await CommitGroupAsync(writer, group).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        finally
        {
            while (reader.TryRead(out var left))
            {
                left.Completion.TrySetException(new ObjectDisposedException(nameof(SqliteGroupCommit), "The application is stopping."));
            }

            if (writer.Connection is not null)
            {
                await writer.Connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task CommitGroupAsync(Writer writer, List<Item> group)
    {
        Exception? groupFailure = null;
        SemaphoreSlim? gate = null;
        try
        {
            var connection = writer.Connection ??= Open(writer.ConnectionString);
            // The same gate as EF's write transactions on this file (keyed by the open connection's file name, as there).
            gate = await SqliteWriterGate.EnterAsync(connection.DataSource, CancellationToken.None).ConfigureAwait(false);
            // The group is every command that queued up to now — while the lock was busy, too.
            while (group.Count < MaxCommandsPerTransaction && writer.Queue.Reader.TryRead(out var queued))
            {
                group.Add(queued);
            }

            if (group.Count == 0)
            {
                return;
            }

            using var transaction = connection.BeginTransaction(deferred: false);
            for (var i = 0; i < group.Count && groupFailure is null; i++)
            {
                var item = group[i];
                if (item.CancellationToken.IsCancellationRequested)
                {
                    item.Failure = new OperationCanceledException(item.CancellationToken);
                    continue;
                }

                var savepoint = item.Atomic ? null : SavepointName(i);
                if (savepoint is not null)
                {
                    transaction.Save(savepoint);
                }

                try
                {
                    await RunOnSharedConnectionAsync(item, connection, transaction).ConfigureAwait(false);
                    if (savepoint is not null)
                    {
                        transaction.Release(savepoint);
                    }
                }
                catch (Exception ex)
                {
                    item.Failure = ex;
                    groupFailure = Undo(connection, transaction, savepoint);
                }
            }

            if (groupFailure is null)
            {
                transaction.Commit();
                Interlocked.Increment(ref groups);
                Interlocked.Add(ref commands, group.Count);
                GroupCommits.Add(1);
                GroupedCommands.Add(group.Count);
                GroupCommitted?.Invoke(group.Count);
            }
        }
        catch (Exception ex)
        {
            groupFailure = ex;
            // Failing before the group was taken (the database cannot be opened): fail the waiting commands rather than
            // retrying at once for them in a tight loop.
            if (group.Count == 0)
            {
                while (group.Count < MaxCommandsPerTransaction && writer.Queue.Reader.TryRead(out var waiting))
                {
                    group.Add(waiting);
                }
            }

            // A connection that failed this way may be broken: open a fresh one for the next group.
            if (writer.Connection is { } broken)
            {
                writer.Connection = null;
                await broken.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            SqliteWriterGate.Exit(gate);
        }

        if (groupFailure is not null)
        {
            LogGroupFailed(logger, group.Count, groupFailure);
        }

        foreach (var item in group)
        {
            if (item.Failure is not null)
            {
                item.Completion.TrySetException(item.Failure);
            }
            else if (groupFailure is not null)
            {
                item.Completion.TrySetException(new InvalidOperationException("The SQLite group commit this command's changes belonged to failed; none of them were saved.", groupFailure));
            }
            else
            {
                item.Completion.TrySetResult();
            }
        }
    }

    /// <summary>Undoes a failed command's work; returns an exception when the whole transaction is lost (the group fails).</summary>
    private static Exception? Undo(SqliteConnection connection, SqliteTransaction transaction, string? savepoint)
    {
        try
        {
            // Some errors (disk full, I/O, out of memory) end the whole transaction: then nothing of the group is left to commit.
            if (SQLitePCL.raw.sqlite3_get_autocommit(connection.Handle) != 0)
            {
                return new InvalidOperationException("SQLite rolled back the group transaction after a command failed.");
            }

            if (savepoint is not null)
            {
                transaction.Rollback(savepoint);
                transaction.Release(savepoint);
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static async Task RunOnSharedConnectionAsync(Item item, SqliteConnection connection, SqliteTransaction transaction)
    {
        var database = item.Context.Database;
        var connectionString = database.GetConnectionString();
        var autoSavepoints = database.AutoSavepointsEnabled;
        database.SetDbConnection(connection, contextOwnsConnection: false);
        try
        {
            // The savepoint around the command is ours; EF's own around SaveChanges would only add two statements.
            database.AutoSavepointsEnabled = false;
            await database.UseTransactionAsync(transaction, item.CancellationToken).ConfigureAwait(false);
            if (item.ExecutionContext is null)
            {
                await item.Work(item.CancellationToken).ConfigureAwait(false);
            }
            else
            {
                // The command's logging scope and correlation id, not the writer loop's.
                ExecutionContext.Run(item.ExecutionContext, static state =>
                {
                    var it = (Item)state!;
                    it.Started = it.Work(it.CancellationToken);
                }, item);
                await item.Started!.ConfigureAwait(false);
            }
        }
        finally
        {
            await database.UseTransactionAsync(null).ConfigureAwait(false);
            // Back to a connection of its own, made from its connection string when next needed, as a pooled context expects.
            database.SetDbConnection(null, contextOwnsConnection: true);
            database.SetConnectionString(connectionString);
            database.AutoSavepointsEnabled = autoSavepoints;
        }
    }

    private static SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqliteConnectionTuning.Apply(connection);
        return connection;
    }

    private static string SavepointName(int index) => index < Savepoints.Length ? Savepoints[index] : $"nexus_command_{index}";

    private static readonly string[] Savepoints = Enumerable.Range(0, MaxCommandsPerTransaction).Select(i => $"nexus_command_{i}").ToArray();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A SQLite group commit of {Commands} command(s) failed; none of them were saved")]
    private static partial void LogGroupFailed(ILogger logger, int commands, Exception exception);

    private sealed class Item(DbContext context, Func<CancellationToken, Task> work, bool atomic, ExecutionContext? executionContext, CancellationToken cancellationToken)
    {
        public DbContext Context { get; } = context;

        public Func<CancellationToken, Task> Work { get; } = work;

        public bool Atomic { get; } = atomic;

        public ExecutionContext? ExecutionContext { get; } = executionContext;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public Task? Started { get; set; }

        public Exception? Failure { get; set; }

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Writer
    {
        public Writer(string connectionString, SqliteGroupCommit owner)
        {
            ConnectionString = connectionString;
            Loop = Task.Run(() => owner.RunLoopAsync(this));
        }

        public string ConnectionString { get; }

        public Channel<Item> Queue { get; } = Channel.CreateUnbounded<Item>();

        public Task Loop { get; }

        public SqliteConnection? Connection { get; set; }
    }
}
