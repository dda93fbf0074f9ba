using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;

namespace Nexus.Shared.Web;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>
    /// ASP.NET Core's rate limiter with Nexus's answer to a refused request: 429, a <c>Retry-After</c> header in
    /// seconds, and ProblemDetails for APIs or a short text for pages. Modules add named policies with
    /// <c>services.Configure&lt;RateLimiterOptions&gt;</c> and put <c>[EnableRateLimiting]</c> on endpoints.
    /// </summary>
    public static IServiceCollection AddNexusRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, cancellationToken) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
                    ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                    : 60;
                var response = context.HttpContext.Response;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                if (ApiRequests.IsApi(context.HttpContext.Request))
                {
                    await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests", detail: $"Try again in {seconds} seconds.")
                        .ExecuteAsync(context.HttpContext);
                }
                else
                {
                    response.ContentType = "text/plain; charset=utf-8";
                    await response.WriteAsync($"Too many attempts. Please wait {seconds} seconds and try again.", cancellationToken);
                }
            };
        });
        return services;
    }

    /// <summary>A partition key for the caller's IP address (behind a proxy, configure forwarded headers first).</summary>
    public static string ClientAddress(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }
}
