using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Nexus.Testing.Hosting;
using Nexus.Shared.Persistence;

namespace Nexus.IntegrationTests.Persistence;

/// <summary>
/// Migrations are hand-written (no EF Design package here), so this is what keeps them honest: for every
/// module, on SQLite and PostgreSQL, the schema the migrations build must equal the schema EF builds from the model.
/// SQL Server, which cannot run here, has its leg in <see cref="SqlServer.SqlServerSchemaDriftTests"/>.
/// </summary>
internal sealed class SchemaDriftTests
{
    [TestCase(DatabaseProvider.Sqlite)]
    [TestCase(DatabaseProvider.Postgres)]
    public async Task Migrations_build_exactly_the_schema_the_model_describes(DatabaseProvider provider)
    {
        using var migrated = await HostOnAsync(provider);
        var registry = migrated.Service<ModuleDatabaseRegistry>();
        var migratedDatabase = migrated.Service<DatabaseSettings>();
        registry.All.Should().NotBeEmpty();

        foreach (var module in registry.All)
        {
            var fresh = await FreshDatabaseAsync(provider);
            await using (var context = CreateContext(module, fresh))
            {
                (await context.Database.EnsureCreatedAsync()).Should().BeTrue();
            }

            var fromModel = await SchemaDump.OfModuleAsync(fresh, module.Schema);
            var fromMigrations = await SchemaDump.OfModuleAsync(migratedDatabase, module.Schema);

            fromModel.Should().NotBeEmpty();
            var drift = fromModel.Except(fromMigrations).Select(line => $"model has, migrations lack: {line}")
                .Concat(fromMigrations.Except(fromModel).Select(line => $"migrations have, model lacks: {line}"));
            drift.Should().BeEmpty($"the migrations of module {module.ModuleName} must build its model's schema on {provider}");
        }
    }

    [Test]
    public async Task A_second_start_on_the_same_database_has_nothing_left_to_migrate()
    {
        using var first = await HostOnAsync(DatabaseProvider.Postgres);
        var database = first.Service<DatabaseSettings>();
        first.Dispose();

        using var second = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Nexus"] = database.ConnectionString,
        });
        _ = second.Server;
        foreach (var module in second.Service<ModuleDatabaseRegistry>().All)
        {
            await using var scope = second.Services.CreateAsyncScope();
            var context = (DbContext)scope.ServiceProvider.GetService(module.ContextType)!;
            (await context.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        }
    }

    private static async Task<NexusHostFactory> HostOnAsync(DatabaseProvider provider)
    {
        var host = provider == DatabaseProvider.Postgres ? await NexusHostFactory.OnPostgresAsync() : new NexusHostFactory();
        _ = host.Server; // starting the host runs the migrations
        return host;
    }

    private static async Task<DatabaseSettings> FreshDatabaseAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var server = await PostgresServer.SharedAsync();
            return new DatabaseSettings(provider, await server.CreateDatabaseAsync());
        }

        var file = Path.Combine(Path.GetTempPath(), $"nexus-drift-{Guid.NewGuid():N}.db");
        return new DatabaseSettings(provider, $"Data Source={file}");
    }

    private static DbContext CreateContext(ModuleDatabase module, DatabaseSettings database)
    {
        var builder = (DbContextOptionsBuilder)Activator.CreateInstance(typeof(DbContextOptionsBuilder<>).MakeGenericType(module.ContextType))!;
        PersistenceServiceCollectionExtensions.ConfigureProvider(builder, database, module.Schema);
        return (DbContext)Activator.CreateInstance(module.ContextType, builder.Options)!;
    }
}
