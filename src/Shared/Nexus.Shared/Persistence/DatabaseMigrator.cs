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
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            await EnableWriteAheadLogAsync(cancellationToken);
        }

        foreach (var module in registry.All)
        {
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

    // WAL lets readers carry on while a writer commits; it is a property of the file, set once.
    private async Task EnableWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Migrated module {Module}: {Count} migration(s) applied ({Migrations})")]
    private static partial void LogMigrated(ILogger logger, string module, int count, string migrations);
}
