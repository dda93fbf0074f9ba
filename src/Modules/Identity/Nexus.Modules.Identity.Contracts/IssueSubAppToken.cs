using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Contracts;

/// <summary>
/// Mints the short-lived token a sub-app or service accepts for <paramref name="UserId"/> — what
/// <c>POST /api/identity/tokens</c> answers, for a host page that hands the first token over with the page itself
/// (one round trip fewer before the sub-app can show its view). Null when the account is unknown or locked out, or the audience is not one
/// the shop issues tokens for (Identity:Tokens:Audiences).
/// <paramref name="RequestOrigin"/> is the shop's public origin (Nexus:PublicUrl; the issuer unless one is configured).
/// </summary>
public sealed record IssueSubAppToken(string UserId, string Audience, string RequestOrigin) : IQuery<SubAppToken?>;

/// <summary>A token and when it expires (UTC).</summary>
public sealed record SubAppToken(string Token, DateTime ExpiresAt);
