namespace Nexus.Shared.Abstractions.Messaging;

/// <summary>
/// Publishes integration events from a command (or event) handler. Nothing leaves immediately: the events are
/// written to the module's outbox in the same transaction as the handler's changes, and relayed after commit.
/// </summary>
public interface IIntegrationEventPublisher
{
    void Publish(IntegrationEvent integrationEvent);
}
