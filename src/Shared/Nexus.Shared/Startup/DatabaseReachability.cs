using Microsoft.Data.Sqlite;
using Nexus.Shared.Persistence;
using Npgsql;

namespace Nexus.Shared.Startup;

/// <summary>Opens one connection before anything else does, so an unreachable database is one clear line, not a stack trace.</summary>
public static class DatabaseReachability
{
    public static async Task EnsureReachableAsync(DatabaseSettings database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            if (database.Provider == DatabaseProvider.Postgres)
            {
                var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Timeout = 5, Pooling = false };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(cancellationToken);
            }
            else
            {
                await using var connection = new SqliteConnection(database.ConnectionString);
                await connection.OpenAsync(cancellationToken);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or SqliteException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var where = database.Provider == DatabaseProvider.Postgres
                ? $"cannot connect to PostgreSQL at {Describe(database.ConnectionString)}"
                : "cannot open the SQLite database";
            throw new StartupConfigurationException(DatabaseSettingsResolver.ConnectionStringSetting, $"{where} ({ex.Message.Split('\n')[0].Trim()})", ex);
        }
    }

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
