using System.Security.Claims;

namespace Nexus.Shared.Security.Tokens;

/// <summary>
/// What a Nexus token may be used for (its <c>scope</c> claim, space-separated as in OAuth 2.0) and the audiences a
/// receiver tells its kinds of caller apart by. A token only ever carries one of these uses:
/// <list type="bullet">
/// <item><see cref="App"/>: a sub-app's customer-facing frame (audience = the sub-app's name). It carries no staff
/// roles, so an admin looking at their own Licensing tab holds no admin powers there.</item>
/// <item><see cref="Staff"/>: a sub-app's back-office view framed in the back office (same audience), with the
/// person's staff roles.</item>
/// <item><see cref="Events"/>: the shop's own server-to-server calls to a service's events administration
/// (<c>/_nexus/events</c>), audience <see cref="ServiceAudience"/> — never handed to a browser.</item>
/// </list>
/// </summary>
public static class NexusTokenScopes
{
    public const string App = "app";
    public const string Staff = "staff";
    public const string Events = "events";

    /// <summary>The audience of server-to-server tokens for the service that serves <paramref name="audience"/>.</summary>
    public static string ServiceAudience(string audience)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        return audience + ".service";
    }

    /// <summary>True when the principal's token was issued with <paramref name="scope"/> among its scopes.</summary>
    public static bool Has(ClaimsPrincipal principal, string scope)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindAll(NexusTokenClaims.Scope)
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Contains(scope, StringComparer.Ordinal);
    }
}
