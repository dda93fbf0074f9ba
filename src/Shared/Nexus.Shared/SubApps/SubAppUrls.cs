using Microsoft.Extensions.Configuration;
using Nexus.Shared.Startup;

namespace Nexus.Shared.SubApps;

/// <summary>
/// The sub-app addresses that come from configuration, checked at start-up (issue 13, item 6): a remote sub-app's
/// <c>Url</c> and a service's <c>HostUrl</c> are absolute http(s) addresses without user, query or fragment whose
/// path is a safe root path (<see cref="SubAppPaths"/>); <c>SubApps:TokenUrl</c> is a safe root-relative path on the
/// host's own origin. Every frame <c>src</c>, fallback link and token request is built from these, so a bad value
/// stops start-up with one line naming the setting instead of sending people or tokens elsewhere.
/// </summary>
public static class SubAppUrls
{
    public const string TokenUrlSetting = "SubApps:TokenUrl";
    public const string DefaultTokenUrl = "/api/identity/tokens";

    /// <summary>The token endpoint host pages and sub-app pages ask: <see cref="DefaultTokenUrl"/> unless configured.</summary>
    public static string TokenUrl(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[TokenUrlSetting];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DefaultTokenUrl;
        }

        var safe = SubAppPaths.SafeRootPath(value);
        return safe is not null && safe == value
            ? safe
            : throw new StartupConfigurationException(TokenUrlSetting, $"'{value}' is not a root-relative path on this site (like {DefaultTokenUrl})");
    }

    /// <summary>An absolute http(s) base address, or null when the setting is empty.</summary>
    public static Uri? AbsoluteBase(string? value, string setting)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || string.IsNullOrEmpty(uri.Host))
        {
            throw new StartupConfigurationException(setting, $"'{value}' is not an absolute http(s) URL (like https://licensing.shop.example/apps/licensing/)");
        }

        if (uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new StartupConfigurationException(setting, $"'{value}' must not carry a user, a query or a fragment");
        }

        if (SubAppPaths.SafeRootPath(uri.AbsolutePath) is null)
        {
            throw new StartupConfigurationException(setting, $"'{value}' has a path that is not a safe root path");
        }

        return uri;
    }
}
