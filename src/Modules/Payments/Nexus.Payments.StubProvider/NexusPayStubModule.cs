using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Nexus.Payments.StubProvider.Api;
using Nexus.Payments.StubProvider.Data;
using Nexus.Payments.StubProvider.Webhooks;
using Nexus.Shared.Persistence;

namespace Nexus.Payments.StubProvider;

/// <summary>
/// "NexusPay test mode", the stand-in payment provider (docs/decisions/0019): its API under <c>/_stub-provider/v1</c>,
/// its challenge page under <c>/_stub-provider/challenge/{id}</c>, its own tables (schema <c>nexuspay</c>) and a
/// dispatcher that delivers signed webhooks to the shop. Hosted by the shop's host for convenience, reached by the
/// shop only over HTTP. <c>Modules:NexusPay:Enabled=false</c> removes it (e.g. when a real provider is configured).
/// </summary>
public static class NexusPayStubModule
{
    public const string Name = "NexusPay";

    /// <summary>The development-only account secrets (never used outside Development).</summary>
    internal const string DevelopmentApiKey = "sk_test_nexus_development_only";
    internal const string DevelopmentSigningSecret = "whsec_nexus_development_only";

    public static IServiceCollection AddNexusPayStub(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<NexusPayDbContext>(Name, NexusPayDbContext.SchemaName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<NexusPayOptions>()
            .Bind(configuration.GetSection($"Modules:{Name}"))
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                // Run inside the shop's host, the stub is "the account the shop was given": the shop's own settings.
                options.ApiKey = First(options.ApiKey, configuration["Modules:Payments:Provider:ApiKey"], environment.IsDevelopment() ? DevelopmentApiKey : null);
                options.WebhookSigningSecret = First(options.WebhookSigningSecret, configuration["Modules:Payments:Provider:WebhookSigningSecret"], environment.IsDevelopment() ? DevelopmentSigningSecret : null);
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<DispatchSignal>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<WebhookDispatcher>());
        services.AddHttpClient(WebhookDispatcher.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10));
        return services;
    }

    public static IEndpointRouteBuilder MapNexusPayStub(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapProviderApi();
        return endpoints;
    }

    private static string First(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v)) ?? string.Empty;
}
