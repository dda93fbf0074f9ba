using System.Net;
using System.Text.Json;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Health;

/// <summary>
/// The database goes away under a running shop: shoppers get the friendly error page with a reference,
/// API clients get ProblemDetails, readiness takes the instance out of rotation, liveness stays up.
/// </summary>
internal sealed class DatabaseOutageTests
{
    [Test]
    public async Task A_lost_database_is_reported_politely_and_honestly()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        using var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Nexus"] = connectionString + ";Timeout=2;Command Timeout=2",
        });
        using var client = host.CreateClient();
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);

        await postgres.StopAsync();

        // The listing is served from memory while the catalog is unchanged, so shoppers can still browse;
        // a search for words not asked before needs the database.
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        var page = await client.GetAsync("/search?q=outage");
        page.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        var html = await page.Content.ReadAsStringAsync();
        var reference = page.Headers.GetValues("X-Correlation-Id").Single();
        html.Should().Contain("Something went wrong on our side").And.Contain(reference);
        html.Should().NotContain("Npgsql").And.NotContain("Exception", "internals never reach shoppers");

        var api = await client.GetAsync("/api/catalog/products");
        api.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        api.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await api.Content.ReadAsStringAsync()).Should().NotContain("Npgsql");

        var ready = await client.GetAsync("/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        report.RootElement.GetProperty("checks").GetProperty("database:catalog").GetProperty("status").GetString().Should().Be("Unhealthy");

        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK, "liveness must not get a process restarted for a database outage");
    }
}
