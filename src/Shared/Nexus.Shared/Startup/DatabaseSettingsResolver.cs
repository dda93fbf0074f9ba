using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Nexus.Shared.Persistence;
using Npgsql;

namespace Nexus.Shared.Startup;

/// <summary>Turns <c>Database:Provider</c> and <c>ConnectionStrings:Nexus</c> into validated <see cref="DatabaseSettings"/>.</summary>
public static class DatabaseSettingsResolver
{
    public const string ProviderSetting = "Database:Provider";
    public const string ConnectionStringSetting = "ConnectionStrings:Nexus";

    public static DatabaseSettings Resolve(IConfiguration configuration, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providerName = configuration[ProviderSetting];
        var connectionString = configuration[ConnectionStringSetting];

        if (string.IsNullOrWhiteSpace(providerName) || providerName.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(DatabaseProvider.Sqlite, SqliteConnectionString(connectionString, dataPath));
        }

        if (providerName.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || providerName.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new StartupConfigurationException(ConnectionStringSetting, "is required when Database:Provider is Postgres");
            }

            try
            {
                var builder = new NpgsqlConnectionStringBuilder(connectionString);
                if (string.IsNullOrWhiteSpace(builder.Host))
                {
                    throw new StartupConfigurationException(ConnectionStringSetting, "names no Host");
                }

                return new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                throw new StartupConfigurationException(ConnectionStringSetting, $"is not a valid PostgreSQL connection string ({ex.Message})", ex);
            }
        }

        if (providerName.Equals("SqlServer", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseSettings(DatabaseProvider.SqlServer, SqlServerConnectionString(connectionString));
        }

        throw new StartupConfigurationException(ProviderSetting, $"'{providerName}' is not a supported database provider (use Sqlite, Postgres or SqlServer)");
    }

    private static string SqlServerConnectionString(string? configured)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new StartupConfigurationException(ConnectionStringSetting, "is required when Database:Provider is SqlServer");
        }

        try
        {
            var builder = new SqlConnectionStringBuilder(configured);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                throw new StartupConfigurationException(ConnectionStringSetting, "names no Server");
            }

            if (string.IsNullOrWhiteSpace(builder.InitialCatalog))
            {
                // Without one, every module's schema would land in the login's default database (often master).
                throw new StartupConfigurationException(ConnectionStringSetting, "names no Database");
            }

            return builder.ConnectionString;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new StartupConfigurationException(ConnectionStringSetting, $"is not a valid SQL Server connection string ({ex.Message})", ex);
        }
    }

    private static string SqliteConnectionString(string? configured, string dataPath)
    {
        try
        {
            var builder = string.IsNullOrWhiteSpace(configured)
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "nexus.db") }
                : new SqliteConnectionStringBuilder(configured);
            if (string.IsNullOrWhiteSpace(builder.DataSource))
            {
                throw new StartupConfigurationException(ConnectionStringSetting, "names no Data Source");
            }

            // A relative file lives in the data folder, not wherever the process happened to start.
            if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource))
            {
                builder.DataSource = Path.Combine(dataPath, builder.DataSource);
            }

            builder.Pooling = true;
            builder.DefaultTimeout = 30;
            return builder.ConnectionString;
        }
        catch (ArgumentException ex)
        {
            throw new StartupConfigurationException(ConnectionStringSetting, $"is not a valid SQLite connection string ({ex.Message})", ex);
        }
    }
}
