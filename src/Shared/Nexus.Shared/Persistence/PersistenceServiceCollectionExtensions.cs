using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Nexus.Shared.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>SQL Server 2019's compatibility level, the oldest SQL Server Nexus supports (docs/decisions/0002).</summary>
    public const int SqlServerCompatibilityLevel = 150;

    /// <summary>
    /// Registers a module's DbContext on the configured provider, with its own migrations history table,
    /// and records it for start-up migration, readiness and the unit of work.
    /// </summary>
    /// <param name="configure">
    /// Extra options for the module's context (its own interceptors, say). The pool builds the options once from the
    /// root provider, so what it adds must be singleton and hold no per-request state.
    /// </param>
    public static IServiceCollection AddModuleDbContext<TContext>(this IServiceCollection services, string moduleName, string schema, Action<IServiceProvider, DbContextOptionsBuilder>? configure = null)
        where TContext : ModuleDbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        // Pooled: a context is reset and reused rather than built per scope. Building one (its options, then EF's internal
        // services for it) cost more CPU than the outbox insert of a small command — measured in Bench-Events, where
        // every command, relay batch and consumer batch opens a scope. Module contexts take only their options.
        services.AddDbContextPool<TContext>((provider, options) =>
        {
            ConfigureProvider(options, provider.GetRequiredService<DatabaseSettings>(), schema);
            configure?.Invoke(provider, options);
        });
        // The context's assembly is the module's: the unit of work commits the commands handled there on this context.
        services.AddSingleton(new ModuleDatabase(moduleName, schema, typeof(TContext), typeof(TContext).Assembly));
        services.TryAddSingleton<ModuleDatabaseRegistry>();
        services.AddHealthChecks().AddDbContextCheck<TContext>($"database:{schema}", tags: ["ready"]);
        return services;
    }

    /// <summary>Applies the provider choice to a context's options; also used by tests and tools.</summary>
    public static void ConfigureProvider(DbContextOptionsBuilder options, DatabaseSettings database, string schema)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        switch (database.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqliteNaming = new ModuleNaming(ModuleNaming.SqliteProviderName, schema);
                options.UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsHistoryTable(sqliteNaming.MigrationsHistoryTable));
                options.AddInterceptors(SqliteConnectionTuning.Instance, SqliteWriterGate.Instance);
                break;
            case DatabaseProvider.Postgres:
                var naming = new ModuleNaming(ModuleNaming.PostgresProviderName, schema);
                options.UseNpgsql(database.ConnectionString, npgsql => npgsql.MigrationsHistoryTable(naming.MigrationsHistoryTable, naming.Schema));
                break;
            case DatabaseProvider.SqlServer:
                // SQL Server 2019 (compatibility level 150) is the oldest supported: EF would otherwise assume 2022's
                // level and may translate queries to functions 2019 lacks (GREATEST, LEAST, ...). No retrying execution
                // strategy (EnableRetryOnFailure): it refuses the transactions the unit of work and the event publisher
                // open themselves, as on the other providers.
                var sqlServerNaming = new ModuleNaming(ModuleNaming.SqlServerProviderName, schema);
                options.UseSqlServer(database.ConnectionString, sqlServer => sqlServer
                    .UseCompatibilityLevel(SqlServerCompatibilityLevel)
                    .MigrationsHistoryTable(sqlServerNaming.MigrationsHistoryTable, sqlServerNaming.Schema));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown database provider.");
        }

        // Migrations are hand-written and carry no model snapshot, so EF cannot compare them with the
        // model; the schema-drift tests do that job on every provider (docs/decisions/0003).
        options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
