using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Content.Data;
using Nexus.Shared.Persistence;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Persistence;

/// <summary>
/// On SQLite a start reads every module's applied migrations on one plain connection and leaves EF's migrator out for
/// the modules that are up to date (DatabaseMigrator): the ids it compares must be EF's own, and a module with a
/// missing migration must still be migrated on the next start.
/// </summary>
internal sealed class SqliteStartupMigrationTests
{
    [Test]
    public async Task The_migrations_read_without_EF_are_the_ones_EF_finds()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Nexus:SeedDemoData"] = "false" });
        _ = host.Server;
        await using var scope = host.Services.CreateAsyncScope();
        foreach (var module in scope.ServiceProvider.GetRequiredService<ModuleDatabaseRegistry>().All)
        {
            var context = (DbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            DatabaseMigrator.MigrationIds(module.ContextType).Should().BeEquivalentTo(context.Database.GetMigrations(), module.ModuleName);
        }
    }

    [Test]
    public async Task A_module_missing_a_migration_is_migrated_on_the_next_start_and_the_others_are_left_alone()
    {
        var folder = Directory.CreateTempSubdirectory("nexus-test-migrate-").FullName;
        try
        {
            var settings = new Dictionary<string, string?> { ["Nexus:DataPath"] = folder, ["Nexus:SeedDemoData"] = "false" };
            string connectionString;
            using (var first = new NexusHostFactory(settings))
            {
                _ = first.Server;
                connectionString = first.Services.GetRequiredService<DatabaseSettings>().ConnectionString;
            }

            // As if the content module had been added to a shop that already ran: no table, no history row.
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                var tables = new List<string>();
                await using (var list = connection.CreateCommand())
                {
                    list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'content\\_%' ESCAPE '\\' AND name <> 'content___ef_migrations';";
                    await using var reader = await list.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                        tables.Add(reader.GetString(0));
                    }
                }

                tables.Should().Contain("content_pages");
                await using var forget = connection.CreateCommand();
                forget.CommandText = string.Concat(tables.Select(t => $"DROP TABLE \"{t}\"; ")) + "DELETE FROM content___ef_migrations;";
                await forget.ExecuteNonQueryAsync();
            }

            using var second = new NexusHostFactory(settings);
            _ = second.Server;
            await using var scope = second.Services.CreateAsyncScope();
            var content = scope.ServiceProvider.GetRequiredService<ContentDbContext>();
            (await content.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
            (await content.Database.GetAppliedMigrationsAsync()).Should().NotBeEmpty();
            await using var count = content.Database.GetDbConnection().CreateCommand();
            await content.Database.OpenConnectionAsync();
            count.CommandText = "SELECT count(*) FROM content_pages;";
            (await count.ExecuteScalarAsync()).Should().NotBeNull("the content module's table was created again");
            var catalog = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            (await catalog.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestDataFolder.TryDelete(folder);
        }
    }
}
