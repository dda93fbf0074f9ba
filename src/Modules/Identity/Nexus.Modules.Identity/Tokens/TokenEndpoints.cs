using System.Security.Claims;
using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.IdentityModel.Tokens;
using Nexus.Modules.Identity.Contracts;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Security.Tokens;
using Nexus.Shared.Web;

namespace Nexus.Modules.Identity.Tokens;

/// <summary>
/// <c>POST /api/identity/tokens</c> mints a token for the signed-in user; <c>GET /.well-known/jwks.json</c>
/// publishes the public keys. The mint endpoint takes JSON (so no antiforgery form token); cross-site
/// requests are refused instead by requiring the custom header <see cref="BridgeHeader"/> (which a
/// cross-origin page cannot send without a CORS pre-flight we never grant) and, when the browser says where
/// the call comes from, a same-origin <c>Origin</c> / <c>Sec-Fetch-Site</c>.
/// </summary>
internal static class TokenEndpoints
{
    public const string BridgeHeader = "X-Nexus-Bridge";

    public static void MapTokenEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/identity/tokens", IssueAsync)
            .RequireAuthorization(NexusPolicies.Customer)
            .WithTags("Identity");

        endpoints.MapGet(NexusTokenClaims.JwksPath, JwksAsync).AllowAnonymous().WithTags("Identity");
    }

    private static async Task<IResult> IssueAsync(
        TokenRequest? body,
        HttpContext http,
        ClaimsPrincipal principal,
        UserManager<ShopUser> users,
        TokenIssuer issuer,
        IMediator mediator,
        PublicUrl publicUrl,
        TokenIssueLimiter limiter,
        CancellationToken cancellationToken)
    {
        // Same-origin is judged against the address the page was served from (host filtering has admitted it); the
        // token's issuer is the configured public origin, never the Host header.
        var origin = $"{http.Request.Scheme}://{http.Request.Host}";
        if (!IsSameOriginBridgeCall(http.Request, origin))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Tokens are only issued to this site's own pages",
                detail: $"Send the header '{BridgeHeader}: 1' from a page of {origin}.");
        }

        if (!issuer.IsKnownAudience(body?.Audience))
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown audience",
                detail: $"'{body?.Audience}' is not a sub-app or service this shop issues tokens for (Identity:Tokens:Audiences).");
        }

        SubAppTokenUse? use = body!.Scope switch
        {
            null or "" or NexusTokenScopes.App => SubAppTokenUse.App,
            NexusTokenScopes.Staff => SubAppTokenUse.Staff,
            _ => null,
        };
        if (use is null)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "Unknown scope",
                detail: $"Ask for scope '{NexusTokenScopes.App}' (a sub-app's frame) or '{NexusTokenScopes.Staff}' (its back-office view).");
        }

        if (use == SubAppTokenUse.Staff && !principal.IsInRole(NexusRoles.Admin) && !principal.IsInRole(NexusRoles.Support))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Staff tokens are for staff");
        }

        var userId = users.GetUserId(principal);
        if (userId is not null && limiter.TryIssue(userId) is { } wait)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many tokens", detail: $"Try again in {seconds} seconds.");
        }

        var token = userId is null ? null : await mediator.Send(new IssueSubAppToken(userId, body.Audience!, publicUrl.Origin, use.Value), cancellationToken);
        if (token is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign in again");
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.Ok(token);
    }

    private static bool IsSameOriginBridgeCall(HttpRequest request, string origin)
    {
        if (request.Headers[BridgeHeader] != "1")
        {
            return false;
        }

        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site != "same-origin")
        {
            return false;
        }

        var callerOrigin = request.Headers.Origin.ToString();
        return callerOrigin.Length == 0 || string.Equals(callerOrigin, origin, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<IResult> JwksAsync(HttpContext http, SigningKeyStore keys, CancellationToken cancellationToken)
    {
        var json = new StringBuilder("{\"keys\":[");
        var first = true;
        foreach (var key in (await keys.GetValidationKeysAsync(cancellationToken)).OfType<RsaSecurityKey>())
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(key);
            json.Append(first ? string.Empty : ",")
                .Append("{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"").Append(jwk.Kid)
                .Append("\",\"n\":\"").Append(jwk.N).Append("\",\"e\":\"").Append(jwk.E).Append("\"}");
            first = false;
        }

        json.Append("]}");
        // Receivers cache briefly and re-fetch when they meet an unknown kid.
        http.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Text(json.ToString(), "application/json");
    }
}
