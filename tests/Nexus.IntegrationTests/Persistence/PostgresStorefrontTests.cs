using Npgsql;
using Nexus.Testing.Hosting;
using Nexus.Shared.Persistence;

namespace Nexus.IntegrationTests.Persistence;

/// <summary>The server database: the same shop on a real PostgreSQL, each module in its own schema.</summary>
internal sealed class PostgresStorefrontTests
{
    [Test]
    public async Task The_shop_runs_on_postgres_with_each_module_in_its_own_schema()
    {
        using var host = await NexusHostFactory.OnPostgresAsync();
        using var client = host.CreateClient();

        var html = await client.GetStringAsync("/");
        html.Should().Contain("Mechanical Keyboard K2").And.Contain("Nexus Pro Licence (1 year)");
        (await client.GetAsync("/ready")).IsSuccessStatusCode.Should().BeTrue();

        await using var connection = new NpgsqlConnection(host.Service<DatabaseSettings>().ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM catalog.products", connection);
        (await command.ExecuteScalarAsync()).Should().Be((long)Nexus.Modules.Catalog.Seeding.DemoCatalog.Build("USD").Products.Count);
    }
}
