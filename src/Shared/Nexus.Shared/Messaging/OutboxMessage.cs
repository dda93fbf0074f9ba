namespace Nexus.Shared.Messaging;

/// <summary>
/// An integration event waiting in (or relayed from) its publishing module's outbox. Written in the same
/// transaction as the change it reports; the relay claims it with a lease, publishes it, then stamps
/// <see cref="PublishedAt"/>.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public string Name { get; set; } = string.Empty;

    public int Version { get; set; }

    public string Payload { get; set; } = string.Empty;

    public string? CorrelationId { get; set; }

    public DateTime OccurredAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? PublishedAt { get; set; }

    /// <summary>The relay instance holding the row while it publishes it; free again after <see cref="LeaseUntil"/>.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public int PublishAttempts { get; set; }

    public string? LastError { get; set; }

    public static OutboxMessage Pending(EventEnvelope envelope, DateTime now) => new()
    {
        Id = envelope.EventId,
        Name = envelope.Name,
        Version = envelope.Version,
        Payload = envelope.Payload,
        CorrelationId = envelope.CorrelationId,
        OccurredAt = envelope.OccurredAt,
        CreatedAt = now,
    };

    public EventEnvelope ToEnvelope() => new(Id, Name, Version, Payload, CorrelationId, OccurredAt);
}
