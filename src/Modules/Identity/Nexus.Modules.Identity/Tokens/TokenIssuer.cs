using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexus.Shared.Security.Tokens;

namespace Nexus.Modules.Identity.Tokens;

/// <summary>Mints the short-lived RS256 tokens sub-apps and services accept (docs/decisions/0006).</summary>
internal sealed class TokenIssuer
{
    private readonly SigningKeyStore keys;
    private readonly IOptionsMonitor<TokenSettings> settings;
    private readonly TimeProvider time;
    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public TokenIssuer(SigningKeyStore keys, IOptionsMonitor<TokenSettings> settings, TimeProvider time)
    {
        this.keys = keys;
        this.settings = settings;
        this.time = time;
    }

    public bool IsKnownAudience(string? audience) =>
        !string.IsNullOrWhiteSpace(audience) && settings.CurrentValue.Audiences.Contains(audience, StringComparer.Ordinal);

    public string IssuerFor(string requestOrigin) =>
        string.IsNullOrWhiteSpace(settings.CurrentValue.Issuer) ? requestOrigin : settings.CurrentValue.Issuer;

    public async Task<IssuedToken> IssueAsync(string userId, string email, IEnumerable<string> roles, string audience, string scope, string issuer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var expires = now.AddSeconds(Math.Min(settings.CurrentValue.LifetimeSeconds, 300));
        var signingKey = await keys.GetSigningKeyAsync(cancellationToken);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object>
            {
                [NexusTokenClaims.Subject] = userId,
                [NexusTokenClaims.Email] = email,
                [NexusTokenClaims.Role] = roles.ToArray(),
                [NexusTokenClaims.Scope] = scope,
                [JwtRegisteredClaimNames.Jti] = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16)),
            },
        };
        return new IssuedToken(handler.CreateToken(descriptor), expires);
    }
}
