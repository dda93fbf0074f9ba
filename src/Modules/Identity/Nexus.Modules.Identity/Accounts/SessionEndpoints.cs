using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Nexus.Modules.Identity.Accounts;

/// <summary>
/// <c>GET /api/identity/session</c>: is this browser still signed in? The cross-tab sign-out script asks it on
/// focus and every second, so a tab whose cookie is gone (signed out in another tab) leaves within 2 s.
/// Anonymous by design; it reveals nothing but the caller's own state.
/// </summary>
internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/identity/session", (HttpContext http) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return Results.Ok(new SessionState(http.User.Identity?.IsAuthenticated == true));
            })
            .AllowAnonymous()
            .WithTags("Identity");
}
