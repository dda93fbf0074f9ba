namespace Nexus.Shared.Messaging;

/// <summary>An integration event as it is stored and transported: contract name, version and JSON payload.</summary>
public sealed record EventEnvelope(Guid EventId, string Name, int Version, string Payload, string? CorrelationId, DateTime OccurredAt);
