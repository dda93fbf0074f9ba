using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nexus.Shared.Persistence;

/// <summary>
/// Per-connection SQLite settings the connection string cannot carry. <c>synchronous=NORMAL</c> is the recommended
/// mode with the write-ahead log: a commit no longer waits for an fsync, yet stays atomic and survives an application
/// crash (a power cut may lose the last commits, whole — a state change and its outbox rows go together).
/// A busy handler (<see cref="SqliteLockWait"/>) lets SQLite itself wait for the writer lock in one-millisecond steps,
/// instead of failing at once into the provider's coarse 150 ms retry sleep, or sleeping up to 100 ms at a time as
/// SQLite's own busy_timeout does (either made concurrent writers — requests, the outbox relay, event consumers —
/// queue for hundreds of milliseconds).
/// </summary>
internal sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    public static readonly SqliteConnectionTuning Instance = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        SqliteLockWait.Install((SqliteConnection)connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        SqliteLockWait.Install((SqliteConnection)connection);
    }
}
