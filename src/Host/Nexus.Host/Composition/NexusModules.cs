using Nexus.Modules.Cart;
using Nexus.Modules.Catalog;
using Nexus.Modules.Content;
using Nexus.Modules.Licensing;
using Nexus.Modules.Customers;
using Nexus.Modules.Identity;
using Nexus.Modules.Notifications;
using Nexus.Modules.Ordering;
using Nexus.Modules.Payments;
using Nexus.Modules.Promotions;
using Nexus.Payments.StubProvider;
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
        new(NotificationsModule.Name, typeof(NotificationsModule).Assembly, (s, c) => s.AddNotificationsModule(c), e => e.MapNotificationsModule()),
        new(IdentityModule.Name, typeof(IdentityModule).Assembly, (s, c) => s.AddIdentityModule(c), e => e.MapIdentityModule()),
        new(CustomersModule.Name, typeof(CustomersModule).Assembly, (s, c) => s.AddCustomersModule(c), e => e.MapCustomersModule()),
        new(CatalogModule.Name, typeof(CatalogModule).Assembly, (s, c) => s.AddCatalogModule(c), e => e.MapCatalogModule()),
        new(ContentModule.Name, typeof(ContentModule).Assembly, (s, c) => s.AddContentModule(c), e => e.MapContentModule()),
        new(LicensingModule.Name, typeof(LicensingModule).Assembly, (s, c) => s.AddLicensingModule(c), e => e.MapLicensingModule()),
        new(PaymentsModule.Name, typeof(PaymentsModule).Assembly, (s, c) => s.AddPaymentsModule(c), e => e.MapPaymentsModule()),
        // The stand-in payment provider (docs/decisions/0019): another company's system, hosted here for convenience.
        new(NexusPayStubModule.Name, typeof(NexusPayStubModule).Assembly, (s, c) => s.AddNexusPayStub(c), e => e.MapNexusPayStub()),
        // Checkout, orders and the payment flow (docs/decisions/0022).
        new(OrderingModule.Name, typeof(OrderingModule).Assembly, (s, c) => s.AddOrderingModule(c), e => e.MapOrderingModule()),
        new(CartModule.Name, typeof(CartModule).Assembly, (s, c) => s.AddCartModule(c), e => e.MapCartModule()),
        new(PromotionsModule.Name, typeof(PromotionsModule).Assembly, (s, c) => s.AddPromotionsModule(c), e => e.MapPromotionsModule()),
    ];

    /// <summary>
    /// Sub-apps the dashboard and back office embed, with the module that serves them. Setting
    /// <c>SubApps:&lt;name&gt;:Url</c> is the one switch that moves a sub-app out: the host then frames that URL and
    /// does not run the module itself.
    /// </summary>
    public static IReadOnlyList<(SubAppDefinition SubApp, string Module)> SubApps { get; } =
    [
        (LicensingModule.SubApp, LicensingModule.Name),
    ];
}
