using MediatR;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Testing.Events;

/// <summary>
/// Publishes any integration event through the probe's outbox, for a module's event that its publisher has not
/// landed yet (e.g. ordering.order-paid before the Ordering module exists). Needs <see cref="ProbeModule.WithProbe"/>.
/// </summary>
public sealed record PublishThroughProbe(IntegrationEvent Event) : ICommand<int>;

internal sealed class PublishThroughProbeHandler : IRequestHandler<PublishThroughProbe, int>
{
    private readonly IIntegrationEventPublisher events;

    public PublishThroughProbeHandler(IIntegrationEventPublisher events) => this.events = events;

    public Task<int> Handle(PublishThroughProbe request, CancellationToken cancellationToken)
    {
        events.Publish(request.Event);
        return Task.FromResult(1);
    }
}
