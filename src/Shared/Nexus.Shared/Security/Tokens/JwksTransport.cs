namespace Nexus.Shared.Security.Tokens;

/// <summary>
/// Where a receiver may fetch the shop's public keys from. Over plain HTTP anyone on the path could hand it their own
/// keys and mint any token it accepts, so HTTPS is required — except in Development and to a loopback address (the
/// same machine: nobody on the network sits in between; tests and a side-by-side install use it).
/// </summary>
internal static class JwksTransport
{
    public static bool IsAllowed(Uri jwksUrl, bool development)
    {
        ArgumentNullException.ThrowIfNull(jwksUrl);
        return jwksUrl.Scheme == Uri.UriSchemeHttps || development || (jwksUrl.Scheme == Uri.UriSchemeHttp && jwksUrl.IsLoopback);
    }
}
