using Microsoft.EntityFrameworkCore;

namespace Nexus.Shared.Persistence;

/// <summary>
/// Keeps a context's connection open across several queries. EF opens and closes the connection around every query
/// it runs by itself, so a page that counts and then reads (a listing, its facets) paid one open/close cycle per query
/// — on SQLite each cycle takes a handle from Microsoft.Data.Sqlite's pool and runs the connection interceptors
/// (<see cref="SqliteConnectionTuning"/>), on PostgreSQL it resets the pooled session. One open per read is enough.
/// </summary>
public static class ConnectionScope
{
    /// <summary>
    /// Opens <paramref name="db"/>'s connection until the returned scope is disposed. If the connection is already open
    /// (a caller or a transaction opened it), the scope leaves it as it was.
    /// </summary>
    public static async ValueTask<OpenConnection> KeepOpenAsync(this DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new OpenConnection(db);
    }

    /// <summary>Closes the connection opened by <see cref="KeepOpenAsync"/> (EF counts opens, so nesting is safe).</summary>
    public readonly struct OpenConnection : IAsyncDisposable
    {
        private readonly DbContext db;

        internal OpenConnection(DbContext db) => this.db = db;

        public ValueTask DisposeAsync() => db is null ? ValueTask.CompletedTask : new(db.Database.CloseConnectionAsync());
    }
}
