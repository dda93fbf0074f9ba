using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MediatR;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.BrowseCatalog;
using Nexus.Modules.Catalog.Features;
using Nexus.Modules.Catalog.Features.BrowseProducts;
using Nexus.Modules.Catalog.Images;
using Nexus.Modules.Catalog.Features.Reviews;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Messaging;
using Nexus.Modules.Catalog.Features.ImportProducts;
using Nexus.Modules.Catalog.Imports;
using Nexus.Modules.Catalog.Seeding;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Application;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog;

/// <summary>Catalog: products and categories, the storefront listing, and the product facts other modules ask for.</summary>
public static class CatalogModule
{
    public const string Name = "Catalog";

    public static IServiceCollection AddCatalogModule(this IServiceCollection services, IConfiguration configuration)
    {
        // Every successful save of catalog rows empties the storefront's cache here and on the other instances.
        services.AddModuleDbContext<CatalogDbContext>(Name, CatalogDbContext.SchemaName, (provider, options) =>
            options.AddInterceptors(provider.GetRequiredService<CatalogChangeSignal>()));
        services.AddSingleton<CatalogSnapshotCache>();
        services.AddSingleton<CatalogChangeSignal>();
        services.AddHostedService<CatalogCacheListener>();
        services.AddModuleHandlers(typeof(CatalogModule).Assembly);
        services.AddScoped<IModuleSeeder, CatalogDemoSeeder>();
        services.AddSingleton<ICatalogImageStore, FileSystemCatalogImageStore>();
        services.AddSingleton<DemoImages>();
        services.AddHostedService<DemoImagePainter>();
        // Reviews: purchases learned from Ordering's OrderPaid make a review a verified purchase.
        services.AddIntegrationEventHandler<OrderPaid, RecordPurchasesHandler>(Name);
        // Back office: CSV import files and status in the data folder, the import job (Hangfire resolves it per run).
        services.AddAfterCommit<CatalogDbContext>();
        services.AddSingleton<ProductImportStore>();
        services.AddScoped<ImportProductsJob>();
        services.AddSingleton(new BackOfficeSection("Catalog", "/admin/catalog", "Products, categories, inventory, CSV import and export", NexusPolicies.BackOffice, Order: 200));
        services.TryAddSingleton(TimeProvider.System);
        // The category menu is cached in memory (Features/GetCategoryMenu).
        services.AddMemoryCache();
        services.AddOptions<CatalogOptions>()
            .Bind(configuration.GetSection($"Modules:{Name}"))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapCatalogModule(this IEndpointRouteBuilder endpoints)
    {
        // The catalog is public: shoppers browse before they sign in.
        var api = endpoints.MapGroup("/api/catalog").WithTags("Catalog").AllowAnonymous();
        api.MapGet("/products", async (int? page, int? pageSize, IMediator mediator, IOptions<CatalogOptions> options, CancellationToken ct) =>
            Results.Ok(await mediator.Send(new BrowseProducts(page ?? 1, pageSize ?? options.Value.PageSize), ct)));
        endpoints.MapCatalogMedia();
        return endpoints;
    }
}
