namespace Nexus.Shared.Security.Tokens;

/// <summary>The claim names inside a Nexus token (JWT registered names, not the long WS-* URIs).</summary>
public static class NexusTokenClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Role = "role";

    /// <summary>What the token may be used for (<see cref="NexusTokenScopes"/>), space-separated.</summary>
    public const string Scope = "scope";

    /// <summary>The path the host publishes its public keys at.</summary>
    public const string JwksPath = "/.well-known/jwks.json";
}
