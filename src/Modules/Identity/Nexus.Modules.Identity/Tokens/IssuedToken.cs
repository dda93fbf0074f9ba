namespace Nexus.Modules.Identity.Tokens;

/// <summary>The answer of <c>POST /api/identity/tokens</c>.</summary>
internal sealed record IssuedToken(string Token, DateTime ExpiresAt);
