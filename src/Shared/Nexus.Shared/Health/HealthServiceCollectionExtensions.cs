using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nexus.Shared.Redis;
using Nexus.Shared.Startup;
using StackExchange.Redis;

namespace Nexus.Shared.Health;

public static class HealthServiceCollectionExtensions
{
    public const string ReadyTag = "ready";
    public const string RedisSetting = "Redis:ConnectionString";

    /// <summary>Start-up readiness, and Redis readiness when <c>Redis:ConnectionString</c> is set (validated here).</summary>
    public static IServiceCollection AddNexusHealth(this IServiceCollection services, IConfiguration configuration)
    {
        var readiness = new StartupReadiness();
        services.AddSingleton(readiness);
        var checks = services.AddHealthChecks().AddCheck("startup", readiness, tags: [ReadyTag]);

        var redis = configuration[RedisSetting];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            ConfigurationOptions options;
            try
            {
                options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 2000;
            }
            catch (ArgumentException ex)
            {
                throw new StartupConfigurationException(RedisSetting, $"is not a valid Redis connection string ({ex.Message})", ex);
            }

            services.AddSingleton(new RedisConnection(options));
            services.AddSingleton<RedisHealthCheck>();
            checks.Add(new HealthCheckRegistration("redis", sp => sp.GetRequiredService<RedisHealthCheck>(), HealthStatus.Degraded, [ReadyTag]));
        }

        return services;
    }

    /// <summary><c>/healthz</c>: the process answers. <c>/ready</c>: it can serve (503 when not), with a JSON report.</summary>
    public static IEndpointRouteBuilder MapNexusHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        endpoints.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteReportAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).AllowAnonymous();
        return endpoints;
    }

    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            totalMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(
                e => e.Key,
                e => new { status = e.Value.Status.ToString(), description = e.Value.Description, ms = Math.Round(e.Value.Duration.TotalMilliseconds, 1) }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }
}
