using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

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

    // The handles already tuned; an entry goes with its handle when the pool finally closes it.
    private static readonly ConditionalWeakTable<sqlite3, object> TunedHandles = [];
    private static readonly object Marker = new();

    /// <summary>Tunes a connection opened outside EF (the group commit's own), as EF's opens are.</summary>
    public static void Apply(SqliteConnection connection) => Instance.ConnectionOpened(connection, null!);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sqlite = (SqliteConnection)connection;
        if (!Tuned(sqlite))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
            MarkTuned(sqlite);
        }

        SqliteLockWait.Install(sqlite);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var sqlite = (SqliteConnection)connection;
        if (!Tuned(sqlite))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkTuned(sqlite);
        }

        SqliteLockWait.Install(sqlite);
    }

    // Microsoft.Data.Sqlite pools SQLite handles and hands the same one out again on every open; a pragma stays set on
    // its handle, and preparing and running it on every open (once or more per command and per event batch) showed in
    // Bench-Events' profile. The busy handler is installed on every open all the same: a plain native call, and this
    // way nothing depends on what the pool might reset on a handle it hands out again.
    private static bool Tuned(SqliteConnection connection) => TunedHandles.TryGetValue(Handle(connection), out _);

    private static void MarkTuned(SqliteConnection connection) => TunedHandles.TryAdd(Handle(connection), Marker);

    private static sqlite3 Handle(SqliteConnection connection) =>
        connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
}
