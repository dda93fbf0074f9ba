namespace Nexus.Shared.Abstractions.Messaging;

/// <summary>
/// A consuming module's reaction to an integration event. It runs inside the module's unit of work: its
/// changes to the module's DbContext are committed together with the inbox entry (never call SaveChanges),
/// so an event has its effect exactly once. Throwing schedules a retry with backoff; after the configured
/// number of attempts the event goes to dead letters.
/// </summary>
public interface IIntegrationEventHandler<in TEvent>
    where TEvent : IntegrationEvent
{
    Task HandleAsync(TEvent integrationEvent, CancellationToken cancellationToken);
}
