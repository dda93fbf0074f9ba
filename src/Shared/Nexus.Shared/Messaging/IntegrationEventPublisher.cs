using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Web;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Scoped: collects the events a handler publishes until the unit of work stages them in the owning module's
/// outbox, inside the same SaveChanges as the handler's changes.
/// </summary>
internal sealed class IntegrationEventPublisher : IIntegrationEventPublisher
{
    private readonly List<IntegrationEvent> pending = [];

    public void Publish(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        IntegrationEventContract.Of(integrationEvent.GetType()); // fail at the call site if the contract is unnamed
        pending.Add(integrationEvent.CorrelationId is null ? integrationEvent with { CorrelationId = CorrelationId.Current } : integrationEvent);
    }

    /// <summary>Adds the pending events to <paramref name="context"/>'s outbox; returns how many.</summary>
    public int StageInto(DbContext context, DateTime now)
    {
        foreach (var integrationEvent in pending)
        {
            var envelope = IntegrationEventContract.ToEnvelope(integrationEvent);
            context.Set<OutboxMessage>().Add(new OutboxMessage
            {
                Id = envelope.EventId,
                Name = envelope.Name,
                Version = envelope.Version,
                Payload = envelope.Payload,
                CorrelationId = envelope.CorrelationId,
                OccurredAt = envelope.OccurredAt,
                CreatedAt = now,
            });
        }

        var count = pending.Count;
        pending.Clear();
        return count;
    }
}
