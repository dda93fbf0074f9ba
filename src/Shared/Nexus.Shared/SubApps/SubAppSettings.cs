namespace Nexus.Shared.SubApps;

/// <summary>
/// <c>SubApps:&lt;Name&gt;</c>. On the host side: where the sub-app is served from. On the sub-app side: which
/// host origins may frame it.
/// </summary>
public sealed class SubAppSettings
{
    /// <summary>
    /// Absolute base URL of the sub-app when another process serves it (standalone or extracted), e.g.
    /// <c>http://licensing.shop.example/apps/licensing/</c>. Empty: this host serves it under <c>/apps/&lt;name&gt;/</c>.
    /// </summary>
    public Uri? Url { get; set; }

    /// <summary>
    /// Host origins that may frame the sub-app's pages (CSP <c>frame-ancestors</c>) and talk to it over the bridge.
    /// Empty: only the origin serving it (same-origin embedding).
    /// </summary>
    public IList<string> AllowedHostOrigins { get; } = [];

    /// <summary>Where the sub-app's process finds the host's public keys when it runs apart from the host.</summary>
    public Uri? HostUrl { get; set; }
}
