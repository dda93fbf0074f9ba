using System.Text.Json;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Health;

/// <summary>With Redis configured, readiness reports it; Redis down degrades the instance but keeps it serving.</summary>
internal sealed class RedisReadinessTests
{
    [Test]
    public async Task Readiness_follows_redis_down_and_back_up()
    {
        await using var redis = await RedisServer.StartAsync();
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.ConnectionString });
        using var client = host.CreateClient();

        (await ReadinessAsync(client)).Should().Be(("Healthy", "Healthy"));

        await redis.StopAsync();
        await Eventually.TrueAsync(async () => await ReadinessAsync(client) == ("Degraded", "Degraded"), TimeSpan.FromSeconds(15), "readiness should degrade while Redis is down");
        (await client.GetAsync("/")).IsSuccessStatusCode.Should().BeTrue("the shop keeps serving without Redis");

        await redis.RestartAsync();
        await Eventually.TrueAsync(async () => await ReadinessAsync(client) == ("Healthy", "Healthy"), TimeSpan.FromSeconds(20), "readiness should recover when Redis is back");
    }

    private static async Task<(string Overall, string Redis)> ReadinessAsync(HttpClient client)
    {
        var response = await client.GetAsync("/ready");
        response.IsSuccessStatusCode.Should().BeTrue();
        using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (report.RootElement.GetProperty("status").GetString()!, report.RootElement.GetProperty("checks").GetProperty("redis").GetProperty("status").GetString()!);
    }
}
