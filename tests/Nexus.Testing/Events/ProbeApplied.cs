using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Testing.Events;

/// <summary>
/// One application of an event by the probe's handlers. Deliberately not unique by event id: if the bus ever
/// applied an event twice, two rows would show it.
/// </summary>
public sealed class ProbeApplied
{
    public Guid Id { get; set; }

    public Guid EventId { get; set; }

    public string Kind { get; set; } = string.Empty;

    public int Sequence { get; set; }

    public string? CorrelationId { get; set; }

    public DateTime OccurredAt { get; set; }

    public DateTime AppliedAt { get; set; }

    /// <summary>A row for <paramref name="integrationEvent"/>, applied now under the current correlation id.</summary>
    public static ProbeApplied Of(IntegrationEvent integrationEvent, string kind, int sequence = 0)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        return new ProbeApplied
        {
            Id = Guid.CreateVersion7(),
            EventId = integrationEvent.EventId,
            Kind = kind,
            Sequence = sequence,
            CorrelationId = Nexus.Shared.Web.CorrelationId.Current,
            OccurredAt = integrationEvent.OccurredAt,
            AppliedAt = DateTime.UtcNow,
        };
    }
}
