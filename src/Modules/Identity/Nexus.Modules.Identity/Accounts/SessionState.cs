namespace Nexus.Modules.Identity.Accounts;

/// <summary>The answer of <c>GET /api/identity/session</c>.</summary>
internal sealed record SessionState(bool SignedIn);
