namespace Nexus.Shared.Messaging;

/// <summary>
/// A consuming module's record of an event it received, keyed by event id: processed (so duplicates are
/// ignored), waiting for a retry, or dead-lettered with its last error.
/// </summary>
public sealed class InboxMessage
{
    public Guid EventId { get; set; }

    public string Name { get; set; } = string.Empty;

    public int Version { get; set; }

    public string Payload { get; set; } = string.Empty;

    public string? CorrelationId { get; set; }

    public DateTime OccurredAt { get; set; }

    public InboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime ReceivedAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    public DateTime? NextAttemptAt { get; set; }

    public DateTime? ProcessedAt { get; set; }

    public string? LastError { get; set; }

    /// <summary>The instance retrying it; another instance leaves it alone until <see cref="LeaseUntil"/>.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public EventEnvelope ToEnvelope() => new(EventId, Name, Version, Payload, CorrelationId, OccurredAt);
}
