using Microsoft.Extensions.Logging;
using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Testing.Events;

/// <summary>Records each ping it is given (in the probe's unit of work, with the inbox entry).</summary>
public sealed class ProbePingedHandler : IIntegrationEventHandler<ProbePinged>
{
    private readonly ProbeDbContext db;
    private readonly ProbeHandlerSwitch handlerSwitch;

    public ProbePingedHandler(ProbeDbContext db, ProbeHandlerSwitch handlerSwitch)
    {
        this.db = db;
        this.handlerSwitch = handlerSwitch;
    }

    public Task HandleAsync(ProbePinged integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        if (integrationEvent.Poison)
        {
            handlerSwitch.CountPoisonAttempt();
            if (handlerSwitch.Broken)
            {
                throw new InvalidOperationException($"Probe handler cannot digest ping {integrationEvent.Sequence}.");
            }
        }

        db.Applied.Add(ProbeApplied.Of(integrationEvent, "pinged", integrationEvent.Sequence));
        return Task.CompletedTask;
    }
}

/// <summary>Reacts to Catalog's real <see cref="ProductCreated"/> event and logs it (the log scope carries the correlation id).</summary>
public sealed partial class ProbeProductCreatedHandler : IIntegrationEventHandler<ProductCreated>
{
    private readonly ProbeDbContext db;
    private readonly ILogger<ProbeProductCreatedHandler> logger;

    public ProbeProductCreatedHandler(ProbeDbContext db, ILogger<ProbeProductCreatedHandler> logger)
    {
        this.db = db;
        this.logger = logger;
    }

    public Task HandleAsync(ProductCreated integrationEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        LogProductSeen(logger, integrationEvent.Sku);
        db.Applied.Add(ProbeApplied.Of(integrationEvent, "product-created:" + integrationEvent.Sku));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Probe saw product {Sku}")]
    private static partial void LogProductSeen(ILogger logger, string sku);
}
