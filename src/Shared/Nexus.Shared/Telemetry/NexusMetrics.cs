using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Messaging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Nexus.Shared.Telemetry;

/// <summary>
/// OpenTelemetry metrics served at <c>/metrics</c> in Prometheus' text format (docs/decisions/0029): ASP.NET Core's
/// request rate and latency, the .NET runtime, and every <c>Nexus.*</c> meter (events, jobs, SQLite's writer lock).
/// On unless <c>Nexus:Metrics:Enabled=false</c>; readable only from <c>Nexus:Metrics:AllowedNetworks</c>
/// (<see cref="MetricsAccess"/>).
/// </summary>
public static class NexusMetrics
{
    /// <summary>Every meter of Nexus's own is named <c>Nexus.&lt;area&gt;</c>; the exporter listens to all of them.</summary>
    public const string MeterNames = "Nexus.*";

    /// <summary>Reads the settings; when enabled, the meter provider with its instrumentation, meters and exporter.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">Read for <c>Nexus:Metrics:*</c>.</param>
    /// <param name="serviceName">The host's name (<c>service_name</c> in Prometheus' <c>target_info</c>).</param>
    public static IServiceCollection AddNexusMetrics(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(serviceName);
        var settings = MetricsSettings.From(configuration);
        services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddOpenTelemetry()
            // Which process a series came from when a collector gathers several (Prometheus adds its own instance label).
            .ConfigureResource(resource => resource.AddService(serviceName, serviceInstanceId: InstanceName.Value))
            .WithMetrics(metrics => metrics
                // http.server.request.duration (rate = its count), active requests, Kestrel connections.
                .AddAspNetCoreInstrumentation()
                // .NET 9+ publishes GC, thread pool, JIT, exceptions and memory on its own "System.Runtime" meter; the
                // separate runtime instrumentation package would only duplicate it.
                .AddMeter("System.Runtime")
                .AddMeter(MeterNames)
                .AddPrometheusExporter(options =>
                {
                    // Prometheus scrapes every 15–60 s; a cached answer for a second protects against a hammering client
                    // without making scrapes stale.
                    options.ScrapeResponseCacheDurationMilliseconds = 1000;
                }));
        return services;
    }

    /// <summary>Maps <c>/metrics</c> (when enabled) behind the network check: anyone else gets 404, as if it did not exist.</summary>
    public static WebApplication MapNexusMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<MetricsSettings>();
        if (!settings.Enabled)
        {
            return app;
        }

        app.MapPrometheusScrapingEndpoint(MetricsSettings.Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (!MetricsAccess.IsAllowed(context, settings.AllowedNetworks))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            await next(context);
        }), optionsName: null).AllowAnonymous();
        return app;
    }
}
