using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;
using Microsoft.AspNetCore.Routing;

namespace Nexus.Modules.Identity.Accounts;

/// <summary>
/// <c>GET /api/identity/session</c>: is this browser still signed in? The cross-tab sign-out script asks it on
/// focus, after a live-channel reconnect and when the live channel says the session may have ended (polling with
/// back-off only when no live transport connects), so a tab whose cookie is gone leaves within 2 s.
/// <c>?verify=1</c> (asked after staff revoked the account's sessions: lock-out, role change, forced reset) checks the
/// security stamp now rather than at the cookie's next periodic check, so the tab leaves at once. A sign-out on one
/// device is not checked that way: the user's other devices stay signed in until their own periodic check.
/// Anonymous by design; it reveals nothing but the caller's own state.
/// </summary>
internal static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/api/identity/session", async (HttpContext http, SignInManager<ShopUser> signIn) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                var signedIn = http.User.Identity?.IsAuthenticated == true;
                if (signedIn && http.Request.Query["verify"] == "1" && StampedLiveSession.HasStamp(signIn, http.User))
                {
                    signedIn = await signIn.ValidateSecurityStampAsync(http.User) is not null;
                    if (!signedIn)
                    {
                        // What the cookie's own periodic check would do a little later: this browser is signed out now,
                        // so the page the script reloads is the signed-out one.
                        await signIn.SignOutAsync();
                    }
                }

                return Results.Ok(new SessionState(signedIn));
            })
            .AllowAnonymous()
            .WithTags("Identity");
}
