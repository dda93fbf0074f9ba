using Microsoft.Extensions.Logging;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Redis;
using StackExchange.Redis;

namespace Nexus.Shared.Messaging;

/// <summary>Fan-out to every instance through Redis pub/sub (fire-and-forget by nature: fine for live notifications).</summary>
internal sealed partial class RedisFanOut : IFanOut
{
    private const string Prefix = "nexus:fanout:";
    private readonly RedisConnection redis;
    private readonly ILogger<RedisFanOut> logger;

    public RedisFanOut(RedisConnection redis, ILogger<RedisFanOut> logger)
    {
        this.redis = redis;
        this.logger = logger;
    }

    public async Task BroadcastAsync(string channel, string message, CancellationToken cancellationToken = default) =>
        await (await redis.GetAsync()).GetSubscriber().PublishAsync(Channel(channel), message);

    public async Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> onMessage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(onMessage);
        var subscriber = (await redis.GetAsync()).GetSubscriber();
        var name = Channel(channel);
        Action<RedisChannel, RedisValue> handler = (from, value) => _ = DeliverAsync(channel, onMessage, value!);
        await subscriber.SubscribeAsync(name, handler);
        return new Subscription(() => subscriber.UnsubscribeAsync(name, handler));
    }

    // Literal: a channel name with '*' or '?' is not a pattern (the implicit string conversion guessed).
    private static RedisChannel Channel(string channel) => RedisChannel.Literal(Prefix + channel);

    // The subscriber callback cannot await; a failing listener is logged rather than lost as an unobserved task.
    private async Task DeliverAsync(string channel, Func<string, Task> onMessage, string message)
    {
        try
        {
            await onMessage(message);
        }
        catch (Exception ex)
        {
            LogListenerFailed(logger, channel, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A fan-out listener on {Channel} failed")]
    private static partial void LogListenerFailed(ILogger logger, string channel, Exception exception);

    private sealed class Subscription(Func<Task> unsubscribe) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await unsubscribe();
    }
}
