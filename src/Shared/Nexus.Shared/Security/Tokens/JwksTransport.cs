using Microsoft.Extensions.Hosting;

namespace Nexus.Shared.Security.Tokens;

/// <summary>
/// Where a receiver may fetch the shop's public keys from. Over plain HTTP anyone on the path could hand it their own
/// keys and mint any token it accepts, so HTTPS is required everywhere but on a developer's machine: Development, and
/// the test suite's own "Testing" environment (its hosts listen on loopback without certificates). A loopback address
/// alone is no longer enough (issue 13 item 7): behind a local proxy or in a container "loopback" is not a guarantee
/// that nobody sits in between, and an operator should never have to reason about it.
/// </summary>
internal static class JwksTransport
{
    /// <summary>The environment the test hosts run in (<c>NexusHostFactory</c>, the extracted Licensing service in tests).</summary>
    public const string TestingEnvironment = "Testing";

    public static bool IsAllowed(Uri jwksUrl, string environmentName)
    {
        ArgumentNullException.ThrowIfNull(jwksUrl);
        if (jwksUrl.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        var developerMachine = string.Equals(environmentName, Environments.Development, StringComparison.OrdinalIgnoreCase)
            || string.Equals(environmentName, TestingEnvironment, StringComparison.OrdinalIgnoreCase);
        return developerMachine && jwksUrl.Scheme == Uri.UriSchemeHttp;
    }
}
