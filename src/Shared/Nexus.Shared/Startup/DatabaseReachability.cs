using Microsoft.Data.SqlClient;
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
            switch (database.Provider)
            {
                case DatabaseProvider.Postgres:
                {
                    var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Timeout = 5, Pooling = false };
                    await using var connection = new NpgsqlConnection(builder.ConnectionString);
                    await connection.OpenAsync(cancellationToken);
                    break;
                }

                case DatabaseProvider.SqlServer:
                {
                    // One try, five seconds: SqlClient's own retries (ConnectRetryCount) would only delay the one line.
                    var builder = new SqlConnectionStringBuilder(database.ConnectionString) { ConnectTimeout = 5, ConnectRetryCount = 0, Pooling = false };
                    await using var connection = new SqlConnection(builder.ConnectionString);
                    await connection.OpenAsync(cancellationToken);
                    break;
                }

                default:
                {
                    await using var connection = new SqliteConnection(database.ConnectionString);
                    await connection.OpenAsync(cancellationToken);
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or SqlException or SqliteException or InvalidOperationException or System.Net.Sockets.SocketException or TimeoutException)
        {
            var where = database.Provider switch
            {
                DatabaseProvider.Postgres => $"cannot connect to PostgreSQL at {DescribePostgres(database.ConnectionString)}",
                DatabaseProvider.SqlServer => $"cannot connect to SQL Server at {DescribeSqlServer(database.ConnectionString)}",
                _ => "cannot open the SQLite database",
            };
            throw new StartupConfigurationException(DatabaseSettingsResolver.ConnectionStringSetting, $"{where} ({ex.Message.Split('\n')[0].Trim()})", ex);
        }
    }

    private static string DescribePostgres(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static string DescribeSqlServer(string connectionString)
    {
        var builder = new SqlConnectionStringBuilder(connectionString);
        return $"{builder.DataSource}/{builder.InitialCatalog}";
    }
}
