using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Features.ChangeCart;
using Nexus.Modules.Cart.Features;
using Nexus.Modules.Cart.Features.Checkout;
using Nexus.Modules.Cart.Features.Expiry;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Modules.Cart.Web;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;
using Nexus.Shared.Live;
using Nexus.Shared.Messaging;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Persistence;
using Nexus.Shared.Scheduling;
using Nexus.Shared.Web;

namespace Nexus.Modules.Cart;

/// <summary>
/// Cart: guest carts (server-side, keyed by the <c>nexus.cart</c> cookie) and customers' carts, the merge when a guest
/// signs in, pricing (tax, shipping, coupons through Promotions) in one place, the header badge and mini-cart, the
/// <c>/cart</c> page and <c>/cart/add</c>, and the checkout settings in the back office. Ordering uses it through
/// <c>Nexus.Modules.Cart.Contracts</c> (<c>GetCartForCheckout</c>, <c>CheckOutCart</c>); decision 0020.
/// </summary>
public static class CartModule
{
    public const string Name = "Cart";

    /// <summary>The rate-limit policy of the cart's changing requests (per client address).</summary>
    internal const string ChangesRateLimitPolicy = "cart-changes";

    public static IServiceCollection AddCartModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<CartDbContext>(Name, CartDbContext.SchemaName);
        services.AddModuleHandlers(typeof(CartModule).Assembly);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<CartOptions>().Bind(configuration.GetSection($"Modules:{Name}")).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<CartPricer>();
        services.AddScoped<CartStore>();
        services.AddScoped<CartCommands>();
        // The cart keeps its lines until the order placed from it is paid (docs/decisions/0023).
        services.AddIntegrationEventHandler<OrderPaymentReceived, OrderPaymentReceivedHandler>(Name);
        services.AddIntegrationEventHandler<OrderCancelled, OrderCancelledHandler>(Name);
        services.AddSingleton<CartShopper>();
        services.AddSingleton<ILiveGroupSource, GuestCartLiveGroup>();
        services.AddScoped<MergeGuestCartFilter>();
        services.Configure<MvcOptions>(options => options.Filters.AddService<MergeGuestCartFilter>());
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<CartOptions>>((options, cart) =>
            options.AddPolicy(ChangesRateLimitPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    RateLimitingServiceCollectionExtensions.ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = cart.Value.ChangesPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        // Guest carts nobody touched for GuestCartLifetime (their cookie has expired too) are deleted.
        var cron = CronSetting.Parse($"Modules:{Name}:AbandonedGuestCartCron", configuration[$"Modules:{Name}:AbandonedGuestCartCron"], "17 * * * *", out _);
        services.AddRecurringJob<DeleteAbandonedGuestCartsJob>(DeleteAbandonedGuestCartsJob.Id, cron);
        services.AddSingleton(new BackOfficeSection("Checkout settings", "/admin/settings/checkout", "Tax rate, free-shipping threshold and shipping rates the cart and checkout charge", NexusPolicies.BackOffice, Order: 365));
        return services;
    }

    public static IEndpointRouteBuilder MapCartModule(this IEndpointRouteBuilder endpoints) => endpoints;
}
