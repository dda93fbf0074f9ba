using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Shared.Messaging;

/// <summary>Name, version and JSON form of integration event types (read from <see cref="IntegrationEventAttribute"/>).</summary>
public static class IntegrationEventContract
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<Type, IntegrationEventAttribute> Contracts = new();

    public static (string Name, int Version) Of(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        var contract = Contracts.GetOrAdd(eventType, type => type.GetCustomAttribute<IntegrationEventAttribute>()
            ?? throw new InvalidOperationException($"{type.FullName} has no [IntegrationEvent(name, version)]: an integration event must name its contract."));
        return (contract.Name, contract.Version);
    }

    public static EventEnvelope ToEnvelope(IntegrationEvent integrationEvent)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var type = integrationEvent.GetType();
        var (name, version) = Of(type);
        return new EventEnvelope(
            integrationEvent.EventId, name, version, JsonSerializer.Serialize(integrationEvent, type, Json),
            integrationEvent.CorrelationId, integrationEvent.OccurredAt);
    }

    public static IntegrationEvent FromEnvelope(EventEnvelope envelope, Type eventType)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return (IntegrationEvent?)JsonSerializer.Deserialize(envelope.Payload, eventType, Json)
            ?? throw new JsonException($"Event {envelope.EventId} ({envelope.Name} v{envelope.Version}) has an empty payload.");
    }
}
