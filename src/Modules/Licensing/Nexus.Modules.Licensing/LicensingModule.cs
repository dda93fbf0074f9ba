using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Nexus.Modules.Licensing.Api;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Licensing.Features.IssueKeys;
using Nexus.Modules.Licensing.Features.Refunds;
using Nexus.Modules.Ordering.Contracts.Events;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Messaging;
using Nexus.Shared.Persistence;
using Nexus.Shared.Security.Tokens;
using Nexus.Shared.SubApps;
using Nexus.Shared.SubApps.Live;
using Nexus.Shared.Web;

namespace Nexus.Modules.Licensing;

/// <summary>
/// Licensing: license keys for digital products. Its customer and admin views are a sub-app (<see cref="SubApp"/>)
/// embedded by the host's dashboard and back office; installed software talks to its public activation API.
/// </summary>
public static class LicensingModule
{
    public const string Name = "Licensing";

    /// <summary>The sub-app: served under <c>/apps/licensing/</c>, shown as the "Licenses" tab.</summary>
    public static SubAppDefinition SubApp { get; } = new("licensing", "Licenses", AdminRoute: "/admin", PublicRoutes: ["/about"]);

    public static IServiceCollection AddLicensingModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<LicensingDbContext>(Name, LicensingDbContext.SchemaName);
        services.AddAfterCommit<LicensingDbContext>();
        services.AddModuleHandlers(typeof(LicensingModule).Assembly);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<KeyIssuance>();
        services.AddIntegrationEventHandler<OrderPaid, OrderPaidHandler>(Name);
        services.AddIntegrationEventHandler<RefundIssued, RefundIssuedHandler>(Name);
        var section = configuration.GetSection($"Modules:{Name}");
        services.AddOptions<LicensingOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        var subApp = services.AddNexusSubApp(configuration, SubApp);
        // New keys show in an open Licensing tab at once: a live stream per page, fed through the fan-out.
        services.AddNexusSubAppLive(subApp);
        // Sign-in from the bridge token only. In the main host the keys are this process's own; apart from it
        // (standalone or extracted) they come from the host's JWKS document.
        if (subApp.Settings.HostUrl is { } hostUrl)
        {
            var origin = hostUrl.GetLeftPart(UriPartial.Authority);
            services.AddNexusTokenValidation(SubApp.Audience, new Uri(new Uri(origin), NexusTokenClaims.JwksPath), configuration["Identity:Tokens:Issuer"] ?? origin);
        }
        else
        {
            services.AddNexusTokenValidation(SubApp.Audience);
        }

        // The sub-app policies (SubAppAuthentication.UserPolicy / AdminPolicy) come with AddNexusSubApp, once per process.
        // The host's rate limiter (AddNexusRateLimiting) answers refusals with 429 + Retry-After + ProblemDetails. The
        // limit comes through the options pipeline (bound and validated above), not from re-reading configuration.
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<LicensingOptions>>((options, licensing) =>
            options.AddPolicy(ActivationEndpoints.RateLimitPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    RateLimitingServiceCollectionExtensions.ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = licensing.Value.ActivationRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        services.AddSingleton(new BackOfficeSection("Licenses", "/admin/apps/licensing", "Search license keys, revoke them, reset activations", NexusPolicies.BackOffice, Order: 400));
        return services;
    }

    public static IEndpointRouteBuilder MapLicensingModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapActivationApi();
        endpoints.MapNexusSubAppLive(SubApp);
        return endpoints;
    }
}
