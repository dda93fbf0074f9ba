using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Scheduling;

/// <summary>
/// Creates the job storage for the shop's database provider. Called once per host, lazily (the first job client,
/// dashboard request or server start), never at registration: the PostgreSQL and SQL Server storages connect and
/// install their schema in their constructors, which must not happen before the host has checked that the
/// database is reachable (or at all, for the <c>migrate</c> command).
/// </summary>
internal static class JobStorageFactory
{
    /// <summary>Schema of Hangfire's tables on PostgreSQL and SQL Server, apart from the modules' schemas.</summary>
    public const string Schema = "hangfire";

    public static JobStorage Create(SchedulingSettings settings, DatabaseSettings database, string sqliteFile)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                // Its own file, never the shop's: the storage writes on every poll, heartbeat and state change,
                // and SQLite has one writer per file — sharing the shop's file would make job bookkeeping queue
                // behind (and hold up) checkouts. WAL (the package's default) keeps the dashboard's reads from
                // blocking the workers.
                return new SQLiteStorage(sqliteFile, new SQLiteStorageOptions
                {
                    QueuePollInterval = settings.PollInterval,
                });

            case DatabaseProvider.Postgres:
                var postgres = new PostgreSqlStorageOptions
                {
                    SchemaName = Schema,
                    // Creates the schema and tables when missing and upgrades them on a new package version;
                    // the installer serialises concurrent starts of several instances.
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = settings.PollInterval,
                    // A fetched job's row stays invisible to other instances while its worker keeps extending
                    // it, so a long job is never picked up twice; a crashed instance's job comes back soon.
                    UseSlidingInvisibilityTimeout = true,
                };
                return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, postgres), postgres);

            case DatabaseProvider.SqlServer:
                // No SQL Server engine runs in the build and test environment, so this path is checked only
                // by compiling against Hangfire.SqlServer (see decision 0002: the provider is checked by script).
                return new SqlServerStorage(database.ConnectionString, new SqlServerStorageOptions
                {
                    SchemaName = Schema,
                    PrepareSchemaIfNecessary = true,
                    QueuePollInterval = settings.PollInterval,
                    SlidingInvisibilityTimeout = TimeSpan.FromMinutes(5),
                });

            default:
                throw new NotSupportedException($"Jobs have no storage for the {database.Provider} database provider.");
        }
    }
}
