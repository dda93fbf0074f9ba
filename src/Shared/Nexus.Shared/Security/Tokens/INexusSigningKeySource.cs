using Microsoft.IdentityModel.Tokens;

namespace Nexus.Shared.Security.Tokens;

/// <summary>
/// The public keys that may have signed a Nexus token, read in process. The Identity module implements it
/// over its key table; a process that does not host Identity validates against the JWKS URL instead.
/// </summary>
public interface INexusSigningKeySource
{
    Task<IReadOnlyList<SecurityKey>> GetValidationKeysAsync(CancellationToken cancellationToken);
}
