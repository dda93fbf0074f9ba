using System.Text.Json;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;
using StackExchange.Redis;

namespace Nexus.IntegrationTests.Events;

/// <summary>
/// The bus across processes: hosts on one PostgreSQL database and one real redis-server (persistent, as a Redis
/// carrying events must be), stopped, restarted and doubled while events flow. Each host is what one process
/// of a deployment would be.
/// </summary>
[NonParallelizable]
internal sealed class RedisEventBusTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Test]
    public async Task A_thousand_events_published_while_the_consuming_host_is_stopped_are_handled_exactly_once_after_it_starts()
    {
        await using var redis = await RedisServer.StartPersistentAsync();
        using var publisher = (await NexusHostFactory.OnPostgresAsync(RedisSettings(redis))).WithProbe(consume: false);
        _ = publisher.Server;
        var database = publisher.Service<DatabaseSettings>().ConnectionString;

        // The consumer has run before (its consumer group exists), then goes down.
        using (var consumer = ConsumerHost(database, redis))
        {
            _ = consumer.Server;
            consumer.Service<IEventTransport>().Name.Should().Be("redis");
            await Eventually.TrueAsync(async () => await GroupExistsAsync(redis, "probe.pinged", ProbeModule.Name), TimeSpan.FromSeconds(30), "the consumer should create its group");
        }

        await publisher.EmitAsync(0, 1000);
        await Eventually.TrueAsync(async () => (await publisher.OutboxAsync()).Pending == 0, Patience, "the publisher should relay all 1,000 events to Redis");
        (await publisher.PingsAsync()).Should().BeEmpty("no consumer is running");

        using var restarted = ConsumerHost(database, redis);
        _ = restarted.Server;
        await Eventually.TrueAsync(async () => (await restarted.PingsAsync()).Count >= 1000, Patience, "the consumer should catch up after its downtime");
        await Task.Delay(1000); // anything applied twice would show up by now
        var pings = await restarted.PingsAsync();
        pings.Should().HaveCount(1000);
        pings.Select(p => p.Sequence).Should().BeEquivalentTo(Enumerable.Range(0, 1000));
        pings.Duplicates().Should().BeEmpty();
    }

    [Test]
    public async Task Redis_restarted_in_the_middle_of_a_5000_event_burst_loses_nothing_and_applies_nothing_twice()
    {
        await using var redis = await RedisServer.StartPersistentAsync();
        using var publisher = (await NexusHostFactory.OnPostgresAsync(RedisSettings(redis))).WithProbe(consume: false);
        _ = publisher.Server;
        using var consumer = ConsumerHost(publisher.Service<DatabaseSettings>().ConnectionString, redis);
        _ = consumer.Server;

        var burst = publisher.EmitAsync(0, 5000, perCommand: 50);
        await Eventually.TrueAsync(async () => (await consumer.PingsAsync()).Count >= 500, Patience, "events should be flowing before the restart");
        await redis.RestartAsync();
        await burst;

        await Eventually.TrueAsync(async () => (await consumer.PingsAsync()).Count >= 5000, Patience, "every event should arrive once Redis is back");
        await Task.Delay(1000);
        var pings = await consumer.PingsAsync();
        pings.Should().HaveCount(5000);
        pings.Select(p => p.Sequence).Distinct().Should().HaveCount(5000);
        pings.Duplicates().Should().BeEmpty();
    }

    [Test]
    public async Task Two_host_instances_relaying_the_same_outbox_publish_each_event_once_and_apply_it_once()
    {
        await using var redis = await RedisServer.StartPersistentAsync();
        using var first = (await NexusHostFactory.OnPostgresAsync(RedisSettings(redis))).WithProbe();
        _ = first.Server;
        using var second = ConsumerHost(first.Service<DatabaseSettings>().ConnectionString, redis, catalog: true);
        _ = second.Server;

        // Both instances write to the shared probe outbox and both relays race to publish it.
        await Task.WhenAll(first.EmitAsync(0, 1000, perCommand: 20), second.EmitAsync(1000, 1000, perCommand: 20));

        await Eventually.TrueAsync(async () => (await first.PingsAsync()).Count >= 2000, Patience, "all events should be applied");
        await Task.Delay(1000);
        var pings = await first.PingsAsync();
        pings.Should().HaveCount(2000);
        pings.Duplicates().Should().BeEmpty();
        (await StreamLengthAsync(redis, "probe.pinged")).Should().Be(2000, "leased claiming means no row is published twice");
    }

    [Test]
    public async Task Without_redis_the_shop_keeps_serving_events_wait_in_the_outbox_and_delivery_resumes_when_it_returns()
    {
        await using var redis = await RedisServer.StartPersistentAsync();
        using var host = new NexusHostFactory(RedisSettings(redis)).WithProbe();
        using var client = host.CreateClient();
        await Eventually.TrueAsync(async () => await ReadinessAsync(client) == "Healthy", TimeSpan.FromSeconds(30), "ready with Redis up");

        await redis.StopAsync();
        await host.EmitAsync(0, 20);
        await Task.Delay(1500);
        (await host.OutboxAsync()).Pending.Should().Be(20, "events wait in the outbox while Redis is down");
        (await host.PingsAsync()).Should().BeEmpty();
        (await client.GetAsync("/")).IsSuccessStatusCode.Should().BeTrue("the shop keeps serving");
        await Eventually.TrueAsync(async () => await ReadinessAsync(client) == "Degraded", TimeSpan.FromSeconds(20), "readiness reports degraded");

        await redis.RestartAsync();
        await Eventually.TrueAsync(async () => (await host.PingsAsync()).Count == 20, Patience, "delivery should resume on its own");
        (await host.OutboxAsync()).Pending.Should().Be(0);
        (await host.PingsAsync()).Duplicates().Should().BeEmpty();
    }

    private static Dictionary<string, string?> RedisSettings(RedisServer redis) => new()
    {
        ["Redis:ConnectionString"] = redis.ConnectionString,
        ["Events:RedisClaimIdle"] = "00:00:05",
    };

    /// <summary>Another process on the same database and Redis; Catalog switched off unless asked (it only consumes).</summary>
    private static NexusHostFactory ConsumerHost(string connectionString, RedisServer redis, bool catalog = false)
    {
        var settings = RedisSettings(redis);
        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Nexus"] = connectionString;
        settings["Modules:Catalog:Enabled"] = catalog ? "true" : "false";
        return new NexusHostFactory(settings).WithProbe();
    }

    private static async Task<bool> GroupExistsAsync(RedisServer redis, string eventName, string group)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        try
        {
            var groups = await connection.GetDatabase().StreamGroupInfoAsync(RedisEventTransport.StreamKey(eventName));
            return groups.Any(g => g.Name == group);
        }
        catch (RedisServerException)
        {
            return false; // no stream yet
        }
    }

    private static async Task<long> StreamLengthAsync(RedisServer redis, string eventName)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        return await connection.GetDatabase().StreamLengthAsync(RedisEventTransport.StreamKey(eventName));
    }

    private static async Task<string> ReadinessAsync(HttpClient client)
    {
        using var report = JsonDocument.Parse(await client.GetStringAsync("/ready"));
        return report.RootElement.GetProperty("status").GetString()!;
    }
}
