using System.Collections.Concurrent;

namespace Nexus.Shared.Messaging;

/// <summary>
/// The embedded default (no Redis configured): publishing hands the events straight to this process's consumers
/// and returns when they have recorded them in their inboxes, so the outbox row is marked published only after
/// that — a crash in between means a republish, which the inbox ignores.
/// </summary>
internal sealed class InProcessEventTransport : IEventTransport
{
    private readonly ConcurrentDictionary<string, Subscription> subscriptions = new(StringComparer.Ordinal);

    public string Name => "in-process";

    public async Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        foreach (var subscription in subscriptions.Values)
        {
            var wanted = events.Where(e => subscription.EventNames.Contains(e.Name)).ToList();
            if (wanted.Count > 0)
            {
                await subscription.Deliver(wanted, cancellationToken);
            }
        }
    }

    public async Task ConsumeAsync(
        string consumer,
        IReadOnlyCollection<string> eventNames,
        Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> deliver,
        CancellationToken stoppingToken)
    {
        // Registered synchronously, before the first await, so the relay (started after the consumers) cannot
        // publish to an empty room.
        subscriptions[consumer] = new Subscription(eventNames.ToHashSet(StringComparer.Ordinal), deliver);
        try
        {
            await Task.Delay(Timeout.Infinite, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Host stopping.
        }
        finally
        {
            subscriptions.TryRemove(consumer, out _);
        }
    }

    private sealed record Subscription(HashSet<string> EventNames, Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> Deliver);
}
