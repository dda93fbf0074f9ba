using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nexus.Shared.Messaging;
using Nexus.Shared.Redis;
using StackExchange.Redis;

namespace Nexus.IntegrationTests.Events;

/// <summary>
/// The Redis transport's stream work on a real redis-server through the client's typed API: consumer groups made
/// idempotently, a dead consumer's pending entries taken over after <c>Events:RedisClaimIdle</c>, entries removed
/// from the pending list only once delivered, and offered again when delivery failed.
/// </summary>
internal sealed class RedisStreamsTransportTests
{
    private const string EventName = "test.streams";
    private const string Group = "streams-consumer";
    private static readonly TimeSpan ClaimIdle = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Creating_the_consumer_groups_again_on_restart_keeps_the_group_and_its_position()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var stream = RedisEventTransport.StreamKey(EventName);

        await RedisEventTransport.EnsureGroupsAsync(database, [stream], Group);
        await database.StreamAddAsync(stream, "id", "x");
        (await database.StreamReadGroupAsync(stream, Group, "first-run", StreamPosition.NewMessages, 10)).Should().HaveCount(1);

        // A second start (or a Redis that kept its data) must neither fail nor move the group back to the beginning.
        await RedisEventTransport.EnsureGroupsAsync(database, [stream], Group);

        var groups = await database.StreamGroupInfoAsync(stream);
        groups.Should().ContainSingle(g => g.Name == Group);
        groups.Single().PendingMessageCount.Should().Be(1);
        (await database.StreamReadGroupAsync(stream, Group, "second-run", StreamPosition.NewMessages, 10))
            .Should().BeEmpty("the group kept its last-delivered position");
    }

    [Test]
    public async Task Entries_a_dead_consumer_read_are_claimed_after_the_claim_idle_time_delivered_and_acknowledged()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var stream = RedisEventTransport.StreamKey(EventName);
        using var redisConnection = new RedisConnection(ConfigurationOptions.Parse(redis.ConnectionString));
        var transport = Transport(redisConnection);
        var events = Enumerable.Range(0, 3).Select(Envelope).ToList();

        await RedisEventTransport.EnsureGroupsAsync(database, [stream], Group);
        await transport.PublishAsync(events, CancellationToken.None);
        (await database.StreamLengthAsync(stream)).Should().Be(3);

        // A consumer of another process reads the entries and dies before acknowledging them.
        var readAt = DateTime.UtcNow;
        (await database.StreamReadGroupAsync(stream, Group, "dead-consumer", StreamPosition.NewMessages, 10)).Should().HaveCount(3);
        (await database.StreamPendingAsync(stream, Group)).PendingMessageCount.Should().Be(3);

        var delivered = new List<(EventEnvelope Envelope, DateTime At)>();
        using var stop = new CancellationTokenSource();
        var consuming = transport.ConsumeAsync(Group, [EventName], (batch, _) =>
        {
            lock (delivered)
            {
                delivered.AddRange(batch.Select(e => (e, DateTime.UtcNow)));
            }

            return Task.CompletedTask;
        }, stop.Token);
        try
        {
            await Eventually.TrueAsync(async () => (await database.StreamPendingAsync(stream, Group)).PendingMessageCount == 0, Patience, "acknowledged after delivery");
        }
        finally
        {
            await stop.CancelAsync();
            await consuming;
        }

        delivered.Select(d => d.Envelope).Should().BeEquivalentTo(events, "the entries carry the whole envelope");
        delivered.Should().OnlyContain(d => d.At - readAt >= ClaimIdle - TimeSpan.FromMilliseconds(50), "entries are claimed only once idle for Events:RedisClaimIdle");
        var consumers = await database.StreamConsumerInfoAsync(stream, Group);
        consumers.Should().Contain(c => c.Name == transport.ConsumerName && c.PendingMessageCount == 0);
        consumers.Should().Contain(c => c.Name == "dead-consumer" && c.PendingMessageCount == 0);
    }

    [Test]
    public async Task Entries_whose_delivery_failed_stay_pending_and_are_delivered_again()
    {
        await using var redis = await RedisServer.StartAsync();
        using var connection = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var database = connection.GetDatabase();
        var stream = RedisEventTransport.StreamKey(EventName);
        using var redisConnection = new RedisConnection(ConfigurationOptions.Parse(redis.ConnectionString));
        var transport = Transport(redisConnection);

        var attempts = 0;
        var pendingAfterFailure = -1L;
        var delivered = new List<EventEnvelope>();
        using var stop = new CancellationTokenSource();
        var consuming = transport.ConsumeAsync(Group, [EventName], async (batch, _) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                throw new InvalidOperationException("the inbox cannot be written");
            }

            pendingAfterFailure = (await database.StreamPendingAsync(stream, Group)).PendingMessageCount;
            lock (delivered)
            {
                delivered.AddRange(batch);
            }
        }, stop.Token);
        try
        {
            await Eventually.TrueAsync(async () => (await database.StreamGroupInfoAsync(stream)).Any(g => g.Name == Group), Patience, "the consumer creates its group");
            await transport.PublishAsync([Envelope(7)], CancellationToken.None);
            await Eventually.TrueAsync(() => Task.FromResult(delivered.Count > 0), Patience, "delivered on the second attempt");
            await Eventually.TrueAsync(async () => (await database.StreamPendingAsync(stream, Group)).PendingMessageCount == 0, Patience, "acknowledged once delivered");
        }
        finally
        {
            await stop.CancelAsync();
            await consuming;
        }

        pendingAfterFailure.Should().Be(1, "the failed entry stayed in the pending list until it was delivered");
        delivered.Should().ContainSingle().Which.Should().Be(Envelope(7));
    }

    private static RedisEventTransport Transport(RedisConnection redis) => new(
        redis,
        Options.Create(new EventBusOptions { RedisClaimIdle = ClaimIdle, BatchSize = 100 }),
        NullLogger<RedisEventTransport>.Instance);

    private static EventEnvelope Envelope(int n) => new(
        new Guid(n, 0, 0, new byte[8]),
        EventName,
        1,
        $$"""{"n":{{n}}}""",
        n % 2 == 0 ? $"corr-{n}" : null,
        new DateTime(2026, 12, 2, 12, 0, n, DateTimeKind.Utc));
}
