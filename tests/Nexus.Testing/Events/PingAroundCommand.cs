using MediatR;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Testing.Events;

/// <summary>
/// A probe command that sends another module's command in the same scope, as a checkout would: records its own change
/// (an "outer" row), publishes ping <paramref name="Sequence"/>, runs <paramref name="Inner"/> (e.g. Catalog's
/// CreateProduct through the <see cref="IMediator"/> it is given), then fails if <paramref name="FailAfterInner"/>.
/// Needs <see cref="ProbeModule.WithProbe"/>.
/// </summary>
public sealed record PingAroundCommand(int Sequence, Func<IMediator, CancellationToken, Task> Inner, bool FailAfterInner = false) : ICommand<int>;

internal sealed class PingAroundCommandHandler : IRequestHandler<PingAroundCommand, int>
{
    private readonly ProbeDbContext db;
    private readonly IIntegrationEventPublisher events;
    private readonly IMediator mediator;

    public PingAroundCommandHandler(ProbeDbContext db, IIntegrationEventPublisher events, IMediator mediator)
    {
        this.db = db;
        this.events = events;
        this.mediator = mediator;
    }

    public async Task<int> Handle(PingAroundCommand request, CancellationToken cancellationToken)
    {
        var ping = new ProbePinged(request.Sequence, Poison: false);
        db.Applied.Add(ProbeApplied.Of(ping, "outer", request.Sequence));
        events.Publish(ping);
        await request.Inner(mediator, cancellationToken);
        if (request.FailAfterInner)
        {
            throw new InvalidOperationException($"Probe command {request.Sequence} fails after its inner command succeeded.");
        }

        return request.Sequence;
    }
}
