using System.Collections.Concurrent;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Events;

/// <summary>Fan-out reaches every running instance (Redis pub/sub), or every subscriber in process without Redis.</summary>
internal sealed class FanOutTests
{
    [Test]
    public async Task A_broadcast_reaches_subscribers_on_every_instance_through_redis()
    {
        var redis = await RedisServer.SharedAsync();
        var settings = new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.ConnectionString };
        using var first = new NexusHostFactory(settings);
        using var second = new NexusHostFactory(settings);
        _ = first.Server;
        _ = second.Server;
        var channel = $"test-{Guid.NewGuid():N}";
        var seenByFirst = new ConcurrentQueue<string>();
        var seenBySecond = new ConcurrentQueue<string>();
        await using var a = await first.Service<IFanOut>().SubscribeAsync(channel, m => { seenByFirst.Enqueue(m); return Task.CompletedTask; });
        await using var b = await second.Service<IFanOut>().SubscribeAsync(channel, m => { seenBySecond.Enqueue(m); return Task.CompletedTask; });

        await first.Service<IFanOut>().BroadcastAsync(channel, "stock changed");

        await Eventually.TrueAsync(() => Task.FromResult(seenByFirst.Contains("stock changed") && seenBySecond.Contains("stock changed")), TimeSpan.FromSeconds(10), "both instances should hear it");
    }

    [Test]
    public async Task Without_redis_a_broadcast_reaches_this_process_only_until_unsubscribed()
    {
        using var host = new NexusHostFactory();
        var fanOut = host.Service<IFanOut>();
        var seen = new ConcurrentQueue<string>();
        var subscription = await fanOut.SubscribeAsync("orders", m => { seen.Enqueue(m); return Task.CompletedTask; });

        await fanOut.BroadcastAsync("orders", "one");
        await subscription.DisposeAsync();
        await fanOut.BroadcastAsync("orders", "two");

        seen.Should().Equal("one");
    }
}
