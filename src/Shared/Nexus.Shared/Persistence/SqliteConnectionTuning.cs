using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Nexus.Shared.Persistence;

/// <summary>
/// Per-connection SQLite settings the connection string cannot carry. <c>synchronous=NORMAL</c> is the recommended
/// mode with the write-ahead log: a commit no longer waits for an fsync, yet stays atomic and survives an application
/// crash (a power cut may lose the last commits, whole — a state change and its outbox rows go together).
/// <c>busy_timeout</c> lets SQLite itself wait for the writer lock in short steps, instead of failing at once into
/// the provider's coarse 150 ms retry sleep (which made concurrent writers — requests, the outbox relay, event
/// consumers — queue for hundreds of milliseconds).
/// </summary>
internal sealed class SqliteConnectionTuning : DbConnectionInterceptor
{
    public static readonly SqliteConnectionTuning Instance = new();

    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
