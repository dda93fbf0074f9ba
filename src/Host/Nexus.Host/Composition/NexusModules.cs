using Nexus.Modules.Catalog;
using Nexus.Modules.Licensing;
using Nexus.Modules.Identity;
using Nexus.Shared.Modules;
using Nexus.Shared.SubApps;

namespace Nexus.Host.Composition;

/// <summary>
/// Every module this host can run, listed explicitly (no scanning by name). Each can be switched off with
/// <c>Modules:&lt;Name&gt;:Enabled=false</c>.
/// </summary>
internal static class NexusModules
{
    public static IReadOnlyList<ModuleDefinition> All { get; } =
    [
        new(IdentityModule.Name, typeof(IdentityModule).Assembly, (s, c) => s.AddIdentityModule(c), e => e.MapIdentityModule()),
        new(CatalogModule.Name, typeof(CatalogModule).Assembly, (s, c) => s.AddCatalogModule(c), e => e.MapCatalogModule()),
        new(LicensingModule.Name, typeof(LicensingModule).Assembly, (s, c) => s.AddLicensingModule(c), e => e.MapLicensingModule()),
    ];

    /// <summary>
    /// Sub-apps the dashboard and back office embed — also when their module runs in another process
    /// (<c>SubApps:&lt;name&gt;:Url</c> set, <c>Modules:&lt;Name&gt;:Enabled=false</c>).
    /// </summary>
    public static IReadOnlyList<SubAppDefinition> SubApps { get; } =
    [
        LicensingModule.SubApp,
    ];
}
