using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Security.Tokens;

namespace Nexus.Shared.Messaging;

/// <summary>
/// The events back office of a service that runs apart from the shop (an extracted module): the shop's
/// <c>/admin/events</c> reads and changes it through these endpoints with a token the shop minted for the signed-in
/// member of staff, so one page shows every process's outbox, inbox and dead letters. Only a service token is
/// accepted: audience <c>&lt;sub-app&gt;.service</c> (its own JWT scheme, <see cref="ServiceScheme"/>) and scope
/// <c>events</c>, which the shop mints server-side and never hands to a browser — a sub-app frame token (audience
/// <c>licensing</c>) is refused whatever roles it carries. Reading then needs a staff role (Admin or Support),
/// replaying or discarding a dead letter Admin — the token's roles, as on the shop's own page.
/// </summary>
public static class EventsAdministrationEndpoints
{
    public const string Path = "/_nexus/events";

    /// <summary>The JWT scheme validating service tokens (audience <see cref="NexusTokenScopes.ServiceAudience"/>).</summary>
    public const string ServiceScheme = "NexusServiceToken";

    public const string ReadPolicy = "NexusEventsRead";

    public const string ChangePolicy = "NexusEventsChange";

    /// <summary>
    /// Accepts service tokens for <paramref name="audience"/>'s service, validated against the shop's JWKS at
    /// <paramref name="hostUrl"/>, and registers the two policies the endpoints use.
    /// </summary>
    public static IServiceCollection AddNexusEventsAdministration(this IServiceCollection services, string audience, Uri hostUrl, string? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(hostUrl);
        var origin = hostUrl.GetLeftPart(UriPartial.Authority);
        services.AddNexusTokenValidation(NexusTokenScopes.ServiceAudience(audience), new Uri(new Uri(origin), NexusTokenClaims.JwksPath), issuer ?? origin, ServiceScheme);
        services.AddAuthorizationBuilder()
            .AddPolicy(ReadPolicy, policy => ServiceToken(policy).RequireRole(NexusRoles.Admin, NexusRoles.Support))
            .AddPolicy(ChangePolicy, policy => ServiceToken(policy).RequireRole(NexusRoles.Admin));
        return services;
    }

    private static AuthorizationPolicyBuilder ServiceToken(AuthorizationPolicyBuilder policy) =>
        policy.AddAuthenticationSchemes(ServiceScheme).RequireAuthenticatedUser().RequireAssertion(c => NexusTokenScopes.Has(c.User, NexusTokenScopes.Events));

    public static IEndpointRouteBuilder MapNexusEventsAdministration(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(Path).ExcludeFromDescription();
        group.MapGet("/", async (EventsAdministration events, HttpContext http, CancellationToken cancellationToken) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return Results.Ok(new RemoteEventsReport(events.TransportName, await events.SummarizeAsync(cancellationToken)));
        }).RequireAuthorization(ReadPolicy);
        group.MapPost("/{module}/{eventId:guid}/replay", async (string module, Guid eventId, EventsAdministration events, CancellationToken cancellationToken) =>
            Results.Ok(new RemoteEventChange(await events.ReplayAsync(module, eventId, cancellationToken))))
            .RequireAuthorization(ChangePolicy);
        group.MapPost("/{module}/{eventId:guid}/discard", async (string module, Guid eventId, EventsAdministration events, CancellationToken cancellationToken) =>
            Results.Ok(new RemoteEventChange(await events.DiscardAsync(module, eventId, cancellationToken))))
            .RequireAuthorization(ChangePolicy);
        return endpoints;
    }
}

/// <summary>What <c>GET /_nexus/events</c> answers: the service's transport and its modules' outbox and inbox.</summary>
public sealed record RemoteEventsReport(string Transport, IReadOnlyList<ModuleEventsSummary> Modules);

/// <summary>What a replay or discard answers: false when the event was not (or no longer) a dead letter.</summary>
public sealed record RemoteEventChange(bool Changed);
