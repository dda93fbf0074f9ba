using Nexus.Shared.Abstractions.Security;
using Nexus.Host.SubApps;
using Nexus.Shared.BackOffice;

namespace Nexus.Host.Composition;

/// <summary>Back-office sections the host itself owns (module sections are registered by their modules).</summary>
internal static class HostBackOffice
{
    public static IServiceCollection AddHostBackOffice(this IServiceCollection services)
    {
        services.AddSingleton(new BackOfficeSection("Health", "/ready", "Readiness report of this instance (JSON)", NexusPolicies.BackOffice, Order: 900));
        // The account pages' built-in tabs, repeated on sub-app tabs (mirrors Identity's /account navigation).
        services.AddSingleton(new DashboardTab("profile", "Profile", "/account/profile", 10));
        services.AddSingleton(new DashboardTab("addresses", "Addresses", "/account/addresses", 20));
        services.AddSingleton(new DashboardTab("wishlist", "Wishlist", "/account/wishlist", 30));
        services.AddSingleton(new DashboardTab("security", "Security", "/account/security", 40));
        return services;
    }
}
