using Nexus.Shared.Account;

namespace Nexus.Host.Composition;

/// <summary>Account tabs the host lists before their module is in this build.</summary>
internal static class HostAccount
{
    public static IServiceCollection AddHostAccount(this IServiceCollection services)
    {
        // Orders (/account/orders) is registered by Ordering itself (OrderingModule), so it goes when Ordering is off.
        return services;
    }
}
