namespace Nexus.Shared.Abstractions.Messaging;

/// <summary>
/// Something that happened in one module that other modules (in this process or another) may react to.
/// A versioned contract: derived records carry <see cref="IntegrationEventAttribute"/> with their name and
/// version, live in the publishing module's Contracts, and travel as JSON.
/// </summary>
public abstract record IntegrationEvent
{
    /// <summary>Identity of this occurrence; consumers' inboxes are keyed by it, so a redelivery has no second effect.</summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>When it happened, in UTC.</summary>
    public DateTime OccurredAt { get; init; } = DateTime.UtcNow;

    /// <summary>The correlation id of the request (or event) that caused it; filled in on publication when left empty.</summary>
    public string? CorrelationId { get; init; }
}
