using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Security.Tokens;

namespace Nexus.Shared.SubApps;

public static class SubAppServiceCollectionExtensions
{
    /// <summary>
    /// This process serves the sub-app's pages: they get frame-ancestors naming exactly its allowed host origins, and
    /// the sub-app policies (<see cref="SubAppAuthentication.UserPolicy"/>, <see cref="SubAppAuthentication.AdminPolicy"/>)
    /// exist — registered here once per process, however many sub-apps it serves.
    /// </summary>
    public static RegisteredSubApp AddNexusSubApp(this IServiceCollection services, IConfiguration configuration, SubAppDefinition definition)
    {
        var registry = Registry(services);
        if (!registry.PoliciesAdded)
        {
            registry.PoliciesAdded = true;
            services.AddAuthorizationBuilder()
                // A frame token (scope app) or a back-office frame token (scope staff); never a service token, whose
                // audience this scheme does not accept anyway.
                .AddPolicy(SubAppAuthentication.UserPolicy, policy => policy.AddAuthenticationSchemes(SubAppAuthentication.Scheme).RequireAuthenticatedUser()
                    .RequireAssertion(c => NexusTokenScopes.Has(c.User, NexusTokenScopes.App) || NexusTokenScopes.Has(c.User, NexusTokenScopes.Staff)))
                // Admin views need the back office's staff token: the customer-facing tab's token has no admin powers.
                .AddPolicy(SubAppAuthentication.AdminPolicy, policy => policy.AddAuthenticationSchemes(SubAppAuthentication.Scheme).RequireAuthenticatedUser()
                    .RequireAssertion(c => NexusTokenScopes.Has(c.User, NexusTokenScopes.Staff)).RequireRole(NexusRoles.Admin));
        }

        return registry.Add(definition, configuration, servedHere: true);
    }

    /// <summary>This host embeds the sub-app (a dashboard tab, a back-office view), wherever it is served.</summary>
    public static RegisteredSubApp AddNexusSubAppEmbedding(this IServiceCollection services, IConfiguration configuration, SubAppDefinition definition) =>
        Registry(services).Add(definition, configuration, servedHere: false);

    /// <summary>
    /// Each served sub-app's frame-ancestors, and its shell for document requests; run after the security headers
    /// middleware and before routing.
    /// </summary>
    public static IApplicationBuilder UseNexusSubApps(this IApplicationBuilder app) =>
        app.UseMiddleware<SubAppFramingMiddleware>().UseMiddleware<SubAppShellMiddleware>();

    internal static SubAppRegistry Registry(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(SubAppRegistry))?.ImplementationInstance as SubAppRegistry;
        if (existing is not null)
        {
            return existing;
        }

        var registry = new SubAppRegistry();
        services.TryAddSingleton(registry);
        return registry;
    }
}
