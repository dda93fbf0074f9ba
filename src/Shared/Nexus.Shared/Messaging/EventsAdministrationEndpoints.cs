using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Shared.Messaging;

/// <summary>
/// The events back office of a service that runs apart from the shop (an extracted module): the shop's
/// <c>/admin/events</c> reads and changes it through these endpoints with a token the shop minted for the signed-in
/// member of staff, so one page shows every process's outbox, inbox and dead letters. Reading needs the BackOffice
/// policy, replaying or discarding a dead letter the Admin policy — the token's roles, as on the shop's own page.
/// </summary>
public static class EventsAdministrationEndpoints
{
    public const string Path = "/_nexus/events";

    public static IEndpointRouteBuilder MapNexusEventsAdministration(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(Path).ExcludeFromDescription();
        group.MapGet("/", async (EventsAdministration events, HttpContext http, CancellationToken cancellationToken) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new RemoteEventsReport(events.TransportName, await events.SummarizeAsync(cancellationToken)));
        }).RequireAuthorization(NexusPolicies.BackOffice);
        group.MapPost("/{module}/{eventId:guid}/replay", async (string module, Guid eventId, EventsAdministration events, CancellationToken cancellationToken) =>
            Results.Ok(new RemoteEventChange(await events.ReplayAsync(module, eventId, cancellationToken))))
            .RequireAuthorization(NexusPolicies.Admin);
        group.MapPost("/{module}/{eventId:guid}/discard", async (string module, Guid eventId, EventsAdministration events, CancellationToken cancellationToken) =>
            Results.Ok(new RemoteEventChange(await events.DiscardAsync(module, eventId, cancellationToken))))
            .RequireAuthorization(NexusPolicies.Admin);
        return endpoints;
    }
}

/// <summary>What <c>GET /_nexus/events</c> answers: the service's transport and its modules' outbox and inbox.</summary>
public sealed record RemoteEventsReport(string Transport, IReadOnlyList<ModuleEventsSummary> Modules);

/// <summary>What a replay or discard answers: false when the event was not (or no longer) a dead letter.</summary>
public sealed record RemoteEventChange(bool Changed);
