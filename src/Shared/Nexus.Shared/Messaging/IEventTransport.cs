namespace Nexus.Shared.Messaging;

/// <summary>
/// Moves envelopes from the outbox relay to consuming modules. The bus (outbox, inbox, retries, dead letters)
/// does not depend on which one is configured.
/// </summary>
public interface IEventTransport
{
    /// <summary>"in-process" or "redis" (shown in the back office and the benchmark).</summary>
    string Name { get; }

    /// <summary>Returns once the transport holds the events durably (or, in process, once consumers have taken them).</summary>
    Task PublishAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken);

    /// <summary>
    /// Feeds <paramref name="consumer"/> every event named in <paramref name="eventNames"/> until stopped. An event counts
    /// as delivered only when <paramref name="deliver"/> returns; if it throws, the event is offered again later.
    /// </summary>
    Task ConsumeAsync(
        string consumer,
        IReadOnlyCollection<string> eventNames,
        Func<IReadOnlyList<EventEnvelope>, CancellationToken, Task> deliver,
        CancellationToken stoppingToken);
}
