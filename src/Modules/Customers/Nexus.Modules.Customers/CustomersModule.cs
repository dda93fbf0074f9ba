using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Customers.Features;
using Nexus.Modules.Identity.Contracts.Events;
using Nexus.Shared.Account;
using Nexus.Shared.Application;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Customers;

/// <summary>
/// Customers: a shopper's profile, address book and wishlist, their data export, and forgetting them when
/// their account is deleted. Everything is keyed by the signed-in user's id claim; no Identity internals.
/// </summary>
public static class CustomersModule
{
    public const string Name = "Customers";

    public static IServiceCollection AddCustomersModule(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration); // no settings of its own yet
        services.AddModuleDbContext<CustomersDbContext>(Name, CustomersDbContext.SchemaName);
        // Its tabs in the account's one tab bar (the host's shared _AccountTabs): Orders, Licenses, then these, then Security.
        services.AddSingleton(new AccountTab("wishlist", "Wishlist", "/account/wishlist", "products you saved for later", Order: 30));
        services.AddSingleton(new AccountTab("addresses", "Addresses", "/account/addresses", "where we ship and bill", Order: 40));
        services.AddSingleton(new AccountTab("profile", "Profile", "/account/profile", "your name and phone number", Order: 50));
        services.AddModuleHandlers(typeof(CustomersModule).Assembly);
        // Forgetting a shopper is driven by Identity's integration event (inbox, retries, dead letters), never by an
        // in-process call: it must not run unless the account really is gone, and must survive Customers being down.
        services.AddIntegrationEventHandler<UserAccountDeleted, ForgetCustomerOnAccountDeleted>(Name);
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointRouteBuilder MapCustomersModule(this IEndpointRouteBuilder endpoints) => endpoints;
}
