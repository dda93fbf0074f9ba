using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Persistence;
using Hangfire;
using Npgsql;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Nightly housekeeping on the application database: refreshes the query planner's statistics so plans
/// follow the data as the catalogue and order tables grow, and on SQLite folds the write-ahead log back
/// into the main file so it does not grow without bound under a long-running host.
/// </summary>
/// <remarks>
/// Runs only on the shop database; Hangfire's own bookkeeping (its SQLite file or schema) is not touched.
/// Non-concurrent across instances (a distributed lock in the job storage) because two overlapping runs — a
/// retry and a "trigger now" from the back office, say — would only compete for the same locks; a run that
/// finds the lock held for a minute fails and is retried later. Three retries, not Hangfire's ten: a nightly
/// job that fails three times needs a person, and the failure stays visible on the dashboard's Failed page.
/// Opens its own connection rather than using a DbContext: it needs none of the model, and must not share a
/// pooled context's transaction.
/// </remarks>
[DisableConcurrentExecution(timeoutInSeconds: 60)]
[AutomaticRetry(Attempts = 3)]
internal sealed partial class DatabaseMaintenanceJob(DatabaseSettings database, ILogger<DatabaseMaintenanceJob> logger) : IRecurringJob
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var total = Stopwatch.StartNew();
        LogStarting(logger, database.Provider);

        try
        {
            switch (database.Provider)
            {
                case DatabaseProvider.Sqlite:
                    await MaintainSqliteAsync(cancellationToken);
                    break;
                case DatabaseProvider.Postgres:
                    await MaintainPostgresAsync(cancellationToken);
                    break;
                default:
                    // SQL Server maintains its statistics itself (AUTO_UPDATE_STATISTICS); nothing to do, and
                    // nothing to fail and retry every night.
                    LogNothingToDo(logger, database.Provider);
                    return;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown (or a job timeout) cancelled us. Nothing is left half-done: ANALYZE and the
            // pragmas are all-or-nothing, so the next scheduled run simply does the work. Rethrown so
            // Hangfire does not record the run as succeeded (it requeues it for the next server instead).
            LogCancelled(logger, database.Provider, total.ElapsedMilliseconds);
            throw;
        }

        LogFinished(logger, database.Provider, total.ElapsedMilliseconds);
    }

    private async Task MaintainSqliteAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        // Runs ANALYZE only on tables whose statistics SQLite considers stale, so it is cheap to run daily.
        // The 0x10002 mask matters: a bare "PRAGMA optimize" only looks at tables this connection has
        // queried, which on a fresh connection is none, so it silently does nothing (verified on SQLite
        // 3.50.4: 200,000 new rows, stale sqlite_stat1 left as it was). 0x10000 makes it check every table,
        // 0x00002 is the ANALYZE optimisation; SQLite's documentation recommends exactly this for
        // connections that have not run the application's queries.
        var step = Stopwatch.StartNew();
        await ExecuteAsync(connection, "PRAGMA optimize=0x10002;", cancellationToken);
        LogStep(logger, "PRAGMA optimize=0x10002", step.ElapsedMilliseconds);

        // Microsoft.Data.Sqlite cannot interrupt a running statement, so cancellation is honoured between
        // the steps; each one is short.
        cancellationToken.ThrowIfCancellationRequested();

        // TRUNCATE copies the WAL into the database and resets the WAL file to zero bytes. Microsoft.Data.Sqlite
        // installs no busy handler, so it does not wait: a connection holding an older snapshot makes it
        // return at once with busy = 1 after copying what it could. Outside WAL mode it returns (0, -1, -1).
        step.Restart();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken))
        {
            var (busy, logFrames, checkpointedFrames) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            if (busy != 0)
            {
                // A long-running reader (or writer) kept the WAL from being reset. Not an error: SQLite's
                // automatic checkpoints keep working and tomorrow's run tries again; a warning every night
                // points at a connection that is never released.
                LogCheckpointBusy(logger, logFrames, checkpointedFrames, step.ElapsedMilliseconds);
            }
            else
            {
                LogCheckpoint(logger, logFrames, checkpointedFrames, step.ElapsedMilliseconds);
            }
        }
    }

    private async Task MaintainPostgresAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);

        // A database-wide ANALYZE samples every table the role may read, so its time grows with the number
        // of tables rather than rows. No command timeout: cancellation (shutdown) is the limit, and Npgsql
        // turns it into a server-side cancel request.
        var step = Stopwatch.StartNew();
        await ExecuteAsync(connection, "ANALYZE;", cancellationToken, commandTimeoutSeconds: 0);
        LogStep(logger, "ANALYZE", step.ElapsedMilliseconds);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken, int? commandTimeoutSeconds = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (commandTimeoutSeconds is { } timeout)
        {
            command.CommandTimeout = timeout;
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database maintenance starting on {Provider}")]
    private static partial void LogStarting(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database maintenance: nothing to do on {Provider}, which keeps its statistics itself")]
    private static partial void LogNothingToDo(ILogger logger, DatabaseProvider provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database maintenance: {Step} took {ElapsedMs} ms")]
    private static partial void LogStep(ILogger logger, string step, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database maintenance: PRAGMA wal_checkpoint(TRUNCATE) checkpointed {CheckpointedFrames} of {LogFrames} WAL frames and reset the WAL in {ElapsedMs} ms")]
    private static partial void LogCheckpoint(ILogger logger, long logFrames, long checkpointedFrames, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database maintenance: PRAGMA wal_checkpoint(TRUNCATE) was blocked by another connection; checkpointed {CheckpointedFrames} of {LogFrames} WAL frames in {ElapsedMs} ms, WAL not reset")]
    private static partial void LogCheckpointBusy(ILogger logger, long logFrames, long checkpointedFrames, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database maintenance on {Provider} cancelled after {ElapsedMs} ms")]
    private static partial void LogCancelled(ILogger logger, DatabaseProvider provider, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database maintenance on {Provider} finished in {ElapsedMs} ms")]
    private static partial void LogFinished(ILogger logger, DatabaseProvider provider, long elapsedMs);
}
