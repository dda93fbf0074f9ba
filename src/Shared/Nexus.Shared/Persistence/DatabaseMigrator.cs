using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nexus.Shared.Persistence;

/// <summary>Applies every enabled module's migrations, then (optionally) its demo data.</summary>
public sealed partial class DatabaseMigrator
{
    private readonly IServiceScopeFactory scopes;
    private readonly ModuleDatabaseRegistry registry;
    private readonly DatabaseSettings database;
    private readonly ILogger<DatabaseMigrator> logger;

    public DatabaseMigrator(IServiceScopeFactory scopes, ModuleDatabaseRegistry registry, DatabaseSettings database, ILogger<DatabaseMigrator> logger)
    {
        this.scopes = scopes;
        this.registry = registry;
        this.database = database;
        this.logger = logger;
    }

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        IReadOnlySet<Type> upToDate = new HashSet<Type>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            upToDate = await PrepareSqliteAsync(cancellationToken);
        }

        foreach (var module in registry.All)
        {
            if (upToDate.Contains(module.ContextType))
            {
                continue;
            }

            await using var scope = scopes.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            // Create the history table first: on PostgreSQL, EF reads it to learn what is applied and, on a new
            // database, logs that failed read as an error (twice per module) before it creates it.
            await context.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                await context.Database.MigrateAsync(cancellationToken);
                LogMigrated(logger, module.ModuleName, pending.Count, string.Join(", ", pending));
            }
        }
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        foreach (var seeder in scope.ServiceProvider.GetServices<IModuleSeeder>())
        {
            await seeder.SeedAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Turns on WAL, then tells which modules have every migration of their assembly applied already, read on one
    /// plain connection. Every start but the first finds them all applied; asking EF instead (history table, pending
    /// migrations) built each module's context, its migrations services and its model before the shop could answer —
    /// about a third of a second start's time to the first page (docs/benchmarks.md). A module with anything missing,
    /// or without a history table yet, goes through EF's migrator as before.
    /// </summary>
    private async Task<IReadOnlySet<Type>> PrepareSqliteAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        // WAL lets readers carry on while a writer commits; it is a property of the file, set once.
        await using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            await wal.ExecuteNonQueryAsync(cancellationToken);
        }

        var upToDate = new HashSet<Type>();
        foreach (var module in registry.All)
        {
            var known = MigrationIds(module.ContextType);
            if (known.Count == 0)
            {
                continue;
            }

            var table = new ModuleNaming(ModuleNaming.SqliteProviderName, module.Schema).MigrationsHistoryTable;
            await using var exists = connection.CreateCommand();
            exists.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $table;";
            exists.Parameters.AddWithValue("$table", table);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                continue;
            }

            var applied = new HashSet<string>(StringComparer.Ordinal);
            await using var read = connection.CreateCommand();
            read.CommandText = $"SELECT \"MigrationId\" FROM \"{table}\";";
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetString(0));
                }
            }

            if (known.All(applied.Contains))
            {
                upToDate.Add(module.ContextType);
            }
        }

        return upToDate;
    }

    /// <summary>The migrations EF would find for the context: in its assembly, marked with the context and an id.</summary>
    internal static List<string> MigrationIds(Type contextType) =>
        contextType.Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false } && t.IsSubclassOf(typeof(Migration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == contextType)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .ToList();

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated module {Module}: {Count} migration(s) applied ({Migrations})")]
    private static partial void LogMigrated(ILogger logger, string module, int count, string migrations);
}
