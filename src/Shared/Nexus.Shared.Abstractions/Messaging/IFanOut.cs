namespace Nexus.Shared.Abstractions.Messaging;

/// <summary>
/// Best-effort broadcast to every running instance (live notifications): Redis pub/sub across processes,
/// in memory without Redis. A message sent while an instance is down is not seen by it — use integration
/// events for anything that must not be lost.
/// </summary>
public interface IFanOut
{
    Task BroadcastAsync(string channel, string message, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="onMessage"/> for every message on <paramref name="channel"/> until the result is disposed.</summary>
    Task<IAsyncDisposable> SubscribeAsync(string channel, Func<string, Task> onMessage, CancellationToken cancellationToken = default);
}
