namespace Nexus.Shared.SubApps;

/// <summary>
/// What a sub-app declares about itself: its name (also the token audience and the URL segment), the title the
/// host shows on its tab, and the path its pages live under — the same path in every mode (served by the main
/// host, standalone on its own port, or by an extracted service).
/// </summary>
/// <param name="Name">Lower-case name, e.g. <c>licensing</c>: <c>/apps/licensing/</c>, <c>/account/licensing</c>.</param>
/// <param name="Title">The tab and frame title, e.g. "Licenses".</param>
/// <param name="AdminRoute">The sub-app route of its back-office view (e.g. <c>/admin</c>), or null when it has none.</param>
/// <param name="PublicRoutes">Routes served as full public pages (its landing page), not through the signed-in shell.</param>
public sealed record SubAppDefinition(string Name, string Title, string? AdminRoute = null, IReadOnlyList<string>? PublicRoutes = null)
{
    public string BasePath => $"/apps/{Name}";

    /// <summary>The audience of the tokens the host mints for this sub-app.</summary>
    public string Audience => Name;
}
