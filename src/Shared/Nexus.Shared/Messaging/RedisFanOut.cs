using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Redis;
using StackExchange.Redis;

namespace Nexus.Shared.Messaging;

/// <summary>Fan-out to every instance through Redis pub/sub (fire-and-forget by nature: fine for live notifications).</summary>
internal sealed class RedisFanOut : IFanOut
{
    private const string Prefix = "nexus:fanout:";
    private readonly RedisConnection redis;

    public RedisFanOut(RedisConnection redis) => this.redis = redis;

    public async Task BroadcastAsync(string channel, string message, CancellationToken cancellationToken = default) =>
        await (await redis.GetAsync()).GetSubscriber().PublishAsync(Prefix + channel, message);

    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> onMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        var subscriber = (await redis.GetAsync()).GetSubscriber();
        RedisChannel name = Prefix + channel;
        Action<RedisChannel, RedisValue> handler = (_, value) => onMessage(value!);
        await subscriber.SubscribeAsync(name, handler);
        return new Subscription(() => subscriber.UnsubscribeAsync(name, handler));
    }

    private sealed class Subscription(Func<Task> unsubscribe) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await unsubscribe();
    }
}
