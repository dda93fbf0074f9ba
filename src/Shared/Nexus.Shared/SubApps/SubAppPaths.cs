namespace Nexus.Shared.SubApps;

/// <summary>
/// The server's twin of the bridge's <c>safeRootPath</c> (bridge-core.js): a sub-app route or link target is a
/// same-origin, root-relative path, normalised — never <c>/\evil.example</c>, <c>/\/evil.example</c>, a path with a
/// tab or newline (browsers drop them: <c>/&lt;tab&gt;/evil.example</c> is <c>//evil.example</c>),
/// <c>///evil.example</c> or an absolute URL. Both sides refuse the same table of hostile paths (tests).
/// </summary>
public static class SubAppPaths
{
    private const string Probe = "https://nexus.invalid";
    private static readonly Uri ProbeBase = new(Probe + "/");

    /// <summary>The normalised path (dot segments removed, query and fragment kept), or null when it is not safe.</summary>
    public static string? SafeRootPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path[0] != '/' || path.StartsWith("//", StringComparison.Ordinal) || path.Length > 2048)
        {
            return null;
        }

        if (path.Any(c => c == '\\' || char.IsControl(c)))
        {
            return null;
        }

        if (!Uri.TryCreate(ProbeBase, path, out var uri) || !string.Equals(uri.GetLeftPart(UriPartial.Authority), Probe, StringComparison.Ordinal))
        {
            return null;
        }

        var normalised = uri.PathAndQuery + uri.Fragment;
        return normalised.StartsWith("//", StringComparison.Ordinal) ? null : normalised;
    }
}
