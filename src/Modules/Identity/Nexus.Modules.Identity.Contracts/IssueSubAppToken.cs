using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Contracts;

/// <summary>
/// Mints the short-lived token a sub-app or service accepts for <paramref name="UserId"/> — what
/// <c>POST /api/identity/tokens</c> answers, for a host page that hands the first token over with the page itself
/// (one round trip fewer before the sub-app can show its view). Null when the account is unknown or locked out, or the audience is not one
/// the shop issues tokens for (Identity:Tokens:Audiences).
/// <paramref name="RequestOrigin"/> is the shop's public origin (Nexus:PublicUrl; the issuer unless one is configured).
/// <paramref name="Use"/> decides the token's scope, roles and audience (<see cref="SubAppTokenUse"/>); a staff or
/// service token for someone without a staff role is null too.
/// </summary>
public sealed record IssueSubAppToken(string UserId, string Audience, string RequestOrigin, SubAppTokenUse Use = SubAppTokenUse.App) : IQuery<SubAppToken?>;

/// <summary>What a minted token is for (its <c>scope</c>; see Nexus.Shared.Security.Tokens.NexusTokenScopes).</summary>
public enum SubAppTokenUse
{
    /// <summary>A sub-app's customer-facing frame: audience = the sub-app, scope <c>app</c>, no staff roles.</summary>
    App,

    /// <summary>A sub-app's back-office view: audience = the sub-app, scope <c>staff</c>, the person's roles. Staff only.</summary>
    Staff,

    /// <summary>The shop calling a service's events administration: audience <c>&lt;sub-app&gt;.service</c>, scope <c>events</c>. Staff only, never sent to a browser.</summary>
    Service,
}

/// <summary>A token and when it expires (UTC).</summary>
public sealed record SubAppToken(string Token, DateTime ExpiresAt);
