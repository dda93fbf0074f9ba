namespace Nexus.Shared.SubApps;

/// <summary>A sub-app with its configuration resolved.</summary>
public sealed class RegisteredSubApp
{
    internal RegisteredSubApp(SubAppDefinition definition, SubAppSettings settings)
    {
        Definition = definition;
        Settings = settings;
    }

    public SubAppDefinition Definition { get; }

    public SubAppSettings Settings { get; }

    /// <summary>This process serves the sub-app's pages (and sends their frame-ancestors).</summary>
    public bool ServedHere { get; internal set; }

    /// <summary>The live stream's path when its pages update themselves (<c>AddNexusSubAppLive</c>), else null.</summary>
    public string? LivePath { get; internal set; }

    /// <summary>True when another process serves it: the host frames another origin.</summary>
    public bool IsRemote => Settings.Url is not null;

    /// <summary>The sub-app's origin when remote, for the host page's CSP <c>frame-src</c>; null when same-origin.</summary>
    public string? RemoteOrigin => Settings.Url?.GetLeftPart(UriPartial.Authority);

    /// <summary>
    /// The URL of a sub-app route (<c>/keys/42?x=1</c>) for an iframe <c>src</c>: relative when same-origin. A route
    /// that is not a safe root-relative path (<see cref="SubAppPaths"/>: <c>/\/evil.example</c> would resolve to
    /// another host) gives the sub-app's start page.
    /// </summary>
    public string UrlFor(string? route)
    {
        var relative = (SubAppPaths.SafeRootPath(string.IsNullOrEmpty(route) ? "/" : route) ?? "/").TrimStart('/');
        if (Settings.Url is { } remote)
        {
            var baseUrl = remote.AbsoluteUri.EndsWith('/') ? remote : new Uri(remote.AbsoluteUri + "/");
            return new Uri(baseUrl, relative).AbsoluteUri;
        }

        return $"{Definition.BasePath}/{relative}";
    }
}
