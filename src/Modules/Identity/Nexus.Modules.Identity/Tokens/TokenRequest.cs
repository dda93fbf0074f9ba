namespace Nexus.Modules.Identity.Tokens;

/// <summary>The body of <c>POST /api/identity/tokens</c>: which sub-app or service the token is for.</summary>
internal sealed record TokenRequest(string? Audience);
