using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Nexus.Modules.Payments.Api;
using Nexus.Modules.Payments.Data;
using Nexus.Modules.Payments.Features;
using Nexus.Modules.Payments.Features.Reconciliation;
using Nexus.Modules.Payments.Provider;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;
using Nexus.Shared.BackOffice;
using Nexus.Shared.Persistence;
using Nexus.Shared.Scheduling;
using Nexus.Shared.Web;

namespace Nexus.Modules.Payments;

/// <summary>
/// Payments: the payment-provider adapter (<see cref="IPaymentProvider"/>, HTTP to NexusPay), the shop's payments,
/// refunds and status history, the signed-webhook endpoint with its log and replay, and the reconciliation job.
/// Ordering uses it through <c>Nexus.Modules.Payments.Contracts</c> (docs/decisions/0019).
/// </summary>
public static class PaymentsModule
{
    public const string Name = "Payments";

    /// <summary>Development-only provider secrets; the in-host NexusPay stub has the same ones in Development.</summary>
    internal const string DevelopmentApiKey = "sk_test_nexus_development_only";
    internal const string DevelopmentSigningSecret = "whsec_nexus_development_only";

    public static IServiceCollection AddPaymentsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddModuleDbContext<PaymentsDbContext>(Name, PaymentsDbContext.SchemaName);
        services.AddModuleHandlers(typeof(PaymentsModule).Assembly);
        services.TryAddSingleton(TimeProvider.System);
        var section = configuration.GetSection($"Modules:{Name}");
        services.AddOptions<PaymentsOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PaymentProviderOptions>()
            .Bind(section.GetSection("Provider"))
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (environment.IsDevelopment())
                {
                    options.ApiKey = string.IsNullOrWhiteSpace(options.ApiKey) ? DevelopmentApiKey : options.ApiKey;
                    options.WebhookSigningSecret = string.IsNullOrWhiteSpace(options.WebhookSigningSecret) ? DevelopmentSigningSecret : options.WebhookSigningSecret;
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();

        // The adapter's own timeout applies per attempt (PaymentProviderOptions.Timeout); the client's is only a backstop.
        services.AddHttpClient(NexusPayClient.HttpClientName, client => client.Timeout = TimeSpan.FromMinutes(3));
        services.AddScoped<IPaymentProvider, NexusPayClient>();
        services.AddScoped<PaymentSettlement>();

        var cron = CronSetting.Parse($"Modules:{Name}:ReconciliationCron", section["ReconciliationCron"], "* * * * *", out _);
        services.AddRecurringJob<ReconcilePaymentsJob>(ReconcilePaymentsJob.Id, cron);

        // The provider's webhook calls are anonymous machine calls: limited per client address (429 + Retry-After).
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<PaymentsOptions>>((options, payments) =>
            options.AddPolicy(WebhookEndpoints.RateLimitPolicy, context =>
                RateLimitPartition.GetFixedWindowLimiter(
                    RateLimitingServiceCollectionExtensions.ClientAddress(context),
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = payments.Value.WebhookRequestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })));
        services.AddSingleton(new BackOfficeSection("Payments", "/admin/payments/webhooks", "Webhook deliveries from the payment provider: verification, outcome, raw body, replay", NexusPolicies.BackOffice, Order: 350));
        return services;
    }

    public static IEndpointRouteBuilder MapPaymentsModule(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapWebhookEndpoint();
        return endpoints;
    }
}
