using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.BackOffice;

namespace Nexus.Host.Composition;

/// <summary>Back-office sections the host itself owns (module sections are registered by their modules).</summary>
internal static class HostBackOffice
{
    public static IServiceCollection AddHostBackOffice(this IServiceCollection services)
    {
        services.AddSingleton(new BackOfficeSection("Health", "/ready", "Readiness report of this instance (JSON)", NexusPolicies.BackOffice, Order: 900));
        return services;
    }
}
