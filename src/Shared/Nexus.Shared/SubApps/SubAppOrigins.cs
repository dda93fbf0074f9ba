using Nexus.Shared.Startup;

namespace Nexus.Shared.SubApps;

internal static class SubAppOrigins
{
    /// <summary>An exact http(s) origin (no path, no wildcard), or a configuration error naming the setting.</summary>
    public static string Normalise(string value, string setting)
    {
        if (!Uri.TryCreate(value.TrimEnd('/'), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.AbsolutePath != "/" || value.Contains('*', StringComparison.Ordinal))
        {
            throw new StartupConfigurationException(setting, $"'{value}' is not an origin (scheme://host[:port], no path, no '*').");
        }

        return uri.GetLeftPart(UriPartial.Authority);
    }
}
