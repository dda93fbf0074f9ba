using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Shared.Messaging;

/// <summary>One handler of a consuming module for one event contract (registered by <c>AddIntegrationEventHandler</c>).</summary>
public sealed record EventSubscription(
    string ModuleName,
    Type EventType,
    string EventName,
    int EventVersion,
    Type HandlerType,
    Func<IServiceProvider, IntegrationEvent, CancellationToken, Task> Invoke);
