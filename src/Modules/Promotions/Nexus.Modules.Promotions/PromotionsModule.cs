using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nexus.Modules.Promotions.Data;
using Nexus.Modules.Promotions.Domain;
using Nexus.Modules.Promotions.Seeding;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Promotions;

/// <summary>
/// Promotions: coupon codes — evaluated for the cart, redeemed at checkout under a total cap and a per-customer limit
/// that hold under concurrency, released when an order fails — and their back office at <c>/admin/coupons</c>.
/// Cart and Ordering use it through <c>Nexus.Modules.Promotions.Contracts</c> (docs/decisions/0021).
/// </summary>
public static class PromotionsModule
{
    public const string Name = "Promotions";

    public static IServiceCollection AddPromotionsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PromotionsDbContext>(Name, PromotionsDbContext.SchemaName);
        services.AddModuleHandlers(typeof(PromotionsModule).Assembly);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<PromotionsOptions>().Bind(configuration.GetSection($"Modules:{Name}")).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new CouponRules(sp.GetRequiredService<IOptions<PromotionsOptions>>().Value.ShopTimeZone()));
        services.AddScoped<IModuleSeeder, PromotionsDemoSeeder>();
        services.AddSingleton(new BackOfficeSection("Coupons", "/admin/coupons", "Coupon codes: percentage or amount off, dates, minimum order, limits and usage", NexusPolicies.BackOffice, Order: 360));
        return services;
    }

    public static IEndpointRouteBuilder MapPromotionsModule(this IEndpointRouteBuilder endpoints) => endpoints;
}
