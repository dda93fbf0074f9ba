using MediatR;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Testing.Events;

/// <summary>
/// Adds one probe row (kind <c>row</c>) per id in <paramref name="Ids"/> and publishes ping <paramref name="Sequence"/>,
/// in one unit of work. An id already in the table makes the command's commit fail — after the rows before it were
/// inserted — which is how tests check that a failing command takes only its own changes with it.
/// </summary>
public sealed record AddProbeRows(int Sequence, IReadOnlyList<Guid> Ids) : ICommand<int>;

internal sealed class AddProbeRowsHandler : IRequestHandler<AddProbeRows, int>
{
    private readonly ProbeDbContext db;
    private readonly IIntegrationEventPublisher events;

    public AddProbeRowsHandler(ProbeDbContext db, IIntegrationEventPublisher events)
    {
        this.db = db;
        this.events = events;
    }

    public Task<int> Handle(AddProbeRows request, CancellationToken cancellationToken)
    {
        var ping = new ProbePinged(request.Sequence, Poison: false);
        foreach (var id in request.Ids)
        {
            var row = ProbeApplied.Of(ping, "row", request.Sequence);
            row.Id = id;
            db.Applied.Add(row);
        }

        events.Publish(ping);
        return Task.FromResult(request.Ids.Count);
    }
}
