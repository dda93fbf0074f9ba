using MediatR;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Testing.Events;

/// <summary>Publishes <paramref name="Count"/> pings numbered from <paramref name="From"/> in one transaction (the probe's outbox).</summary>
public sealed record EmitProbePings(int From, int Count, bool Poison = false) : ICommand<int>;

internal sealed class EmitProbePingsHandler : IRequestHandler<EmitProbePings, int>
{
    private readonly IIntegrationEventPublisher events;

    public EmitProbePingsHandler(IIntegrationEventPublisher events) => this.events = events;

    public Task<int> Handle(EmitProbePings request, CancellationToken cancellationToken)
    {
        for (var i = 0; i < request.Count; i++)
        {
            events.Publish(new ProbePinged(request.From + i, request.Poison));
        }

        return Task.FromResult(request.Count);
    }
}
