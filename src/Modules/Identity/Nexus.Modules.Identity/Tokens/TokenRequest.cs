namespace Nexus.Modules.Identity.Tokens;

/// <summary>
/// The body of <c>POST /api/identity/tokens</c>: which sub-app the token is for, and for which of its frames —
/// <c>app</c> (the default: the customer-facing tab) or <c>staff</c> (its back-office view; staff only). Service
/// tokens are never issued here: the shop mints them server-side.
/// </summary>
internal sealed record TokenRequest(string? Audience, string? Scope = null);
