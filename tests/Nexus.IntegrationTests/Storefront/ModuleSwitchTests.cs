using System.Net;
using Microsoft.Data.Sqlite;
using Nexus.Testing.Hosting;
using Nexus.Shared.Modules;
using Nexus.Shared.Persistence;

namespace Nexus.IntegrationTests.Storefront;

/// <summary>A module switched off contributes nothing: no pages, no API, no tables.</summary>
internal sealed class ModuleSwitchTests
{
    [Test]
    public async Task A_disabled_module_serves_no_page_and_creates_no_table()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Modules:Catalog:Enabled"] = "false" });
        using var client = host.CreateClient();

        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/api/catalog/products")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        host.Service<EnabledModules>().IsEnabled("Catalog").Should().BeFalse();

        await using var connection = new SqliteConnection(host.Service<DatabaseSettings>().ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name LIKE 'catalog%'";
        (await command.ExecuteScalarAsync()).Should().Be(0L);
    }
}
