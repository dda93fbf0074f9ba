using System.Collections.Concurrent;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Shared.Messaging;

/// <summary>Fan-out within this process (no Redis configured): every subscriber of the channel is called.</summary>
internal sealed class InProcessFanOut : IFanOut
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<string, Task>>> channels = new(StringComparer.Ordinal);

    public async Task BroadcastAsync(string channel, string message, CancellationToken cancellationToken = default)
    {
        if (channels.TryGetValue(channel, out var subscribers))
        {
            foreach (var subscriber in subscribers.Values)
            {
                await subscriber(message);
            }
        }
    }

    public Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> onMessage, CancellationToken cancellationToken = default)
    {
        var id = Guid.NewGuid();
        channels.GetOrAdd(channel, _ => new()).TryAdd(id, onMessage);
        return Task.FromResult<IAsyncDisposable>(new Subscription(() => channels.TryGetValue(channel, out var s) && s.TryRemove(id, out _)));
    }

    private sealed class Subscription(Func<bool> remove) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            remove();
            return ValueTask.CompletedTask;
        }
    }
}
