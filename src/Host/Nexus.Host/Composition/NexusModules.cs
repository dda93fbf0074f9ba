using Nexus.Modules.Catalog;
using Nexus.Modules.Customers;
using Nexus.Modules.Identity;
using Nexus.Modules.Notifications;
using Nexus.Shared.Modules;

namespace Nexus.Host.Composition;

/// <summary>
/// Every module this host can run, listed explicitly (no scanning by name). Each can be switched off with
/// <c>Modules:&lt;Name&gt;:Enabled=false</c>.
/// </summary>
internal static class NexusModules
{
    public static IReadOnlyList<ModuleDefinition> All { get; } =
    [
        new(NotificationsModule.Name, typeof(NotificationsModule).Assembly, (s, c) => s.AddNotificationsModule(c), e => e.MapNotificationsModule()),
        new(IdentityModule.Name, typeof(IdentityModule).Assembly, (s, c) => s.AddIdentityModule(c), e => e.MapIdentityModule()),
        new(CustomersModule.Name, typeof(CustomersModule).Assembly, (s, c) => s.AddCustomersModule(c), e => e.MapCustomersModule()),
        new(CatalogModule.Name, typeof(CatalogModule).Assembly, (s, c) => s.AddCatalogModule(c), e => e.MapCatalogModule()),
    ];
}
