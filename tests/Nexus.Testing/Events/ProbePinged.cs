using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Testing.Events;

/// <summary>The probe module's own event: a numbered ping; a poisoned one fails while <see cref="ProbeHandlerSwitch.Broken"/>.</summary>
[IntegrationEvent("probe.pinged", 1)]
public sealed record ProbePinged(int Sequence, bool Poison) : IntegrationEvent;
