using Nexus.Shared.Account;

namespace Nexus.Host.Composition;

/// <summary>Account tabs the host lists before their module is in this build.</summary>
internal static class HostAccount
{
    public static IServiceCollection AddHostAccount(this IServiceCollection services)
    {
        // Orders (/account/orders) is Ordering's page (issue 15, built alongside the tab bar). Ordering registers the
        // same tab itself when it lands; the tab bar keeps one tab per key, so this line can then go.
        services.AddSingleton(new AccountTab("orders", "Orders", "/account/orders", "what you bought and where it is", Order: 10));
        return services;
    }
}
