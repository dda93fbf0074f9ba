using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;
using Nexus.Testing.Hosting;

namespace Nexus.Testing.Events;

/// <summary>
/// A real module for testing the event bus (its own database with outbox and inbox, a command that publishes, and
/// handlers that record what they applied) — added to a test host with <see cref="WithProbe"/>. A host that only
/// publishes leaves <c>consume</c> off, like a module switched off in that process.
/// </summary>
public static class ProbeModule
{
    public const string Name = "Probe";

    public static NexusHostFactory WithProbe(this NexusHostFactory host, bool consume = true)
    {
        ArgumentNullException.ThrowIfNull(host);
        return host.WithServices(services =>
        {
            services.AddModuleDbContext<ProbeDbContext>(Name, ProbeDbContext.SchemaName);
            services.AddScoped<IRequestHandler<EmitProbePings, int>, EmitProbePingsHandler>();
            services.AddScoped<IRequestHandler<PublishThroughProbe, int>, PublishThroughProbeHandler>();
            services.AddScoped<IRequestHandler<PingAroundCommand, int>, PingAroundCommandHandler>();
            services.AddScoped<IRequestHandler<AddProbeRows, int>, AddProbeRowsHandler>();
            services.AddSingleton<ProbeHandlerSwitch>();
            if (consume)
            {
                services.AddIntegrationEventHandler<ProbePinged, ProbePingedHandler>(Name);
                services.AddIntegrationEventHandler<ProductCreated, ProbeProductCreatedHandler>(Name);
            }
        });
    }

    /// <summary>Publishes pings through the real pipeline (validation, unit of work, outbox), <paramref name="perCommand"/> per transaction.</summary>
    public static async Task EmitAsync(this NexusHostFactory host, int from, int count, bool poison = false, int perCommand = 100)
    {
        ArgumentNullException.ThrowIfNull(host);
        for (var start = from; start < from + count; start += perCommand)
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new EmitProbePings(start, Math.Min(perCommand, from + count - start), poison));
        }
    }

    public static async Task<List<ProbeApplied>> AppliedAsync(this NexusHostFactory host)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Applied.AsNoTracking().ToListAsync();
    }

    /// <summary>The pings applied (the host's demo catalog also produces product-created events).</summary>
    public static async Task<List<ProbeApplied>> PingsAsync(this NexusHostFactory host) =>
        (await host.AppliedAsync()).Where(a => a.Kind == "pinged").ToList();

    /// <summary>How many pings were applied (cheap enough to poll).</summary>
    public static async Task<int> PingCountAsync(this NexusHostFactory host)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Applied.CountAsync(a => a.Kind == "pinged");
    }

    public static async Task<(int Pending, int Published)> OutboxAsync(this NexusHostFactory host)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Outbox;
        return (await outbox.CountAsync(m => m.PublishedAt == null), await outbox.CountAsync(m => m.PublishedAt != null));
    }

    /// <summary>The probe's inbox entries for pings.</summary>
    public static async Task<List<InboxMessage>> InboxAsync(this NexusHostFactory host)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Inbox.AsNoTracking().Where(m => m.Name == "probe.pinged").ToListAsync();
    }

    /// <summary>Event ids applied more than once (must always be empty).</summary>
    public static IReadOnlyList<Guid> Duplicates(this IEnumerable<ProbeApplied> applied) =>
        applied.GroupBy(a => a.EventId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
}
