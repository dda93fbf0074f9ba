using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nexus.Shared.Health;
using Nexus.Shared.Web;
using StackExchange.Redis;

namespace Nexus.Shared.Live;

public static class LiveServiceCollectionExtensions
{
    /// <summary>Where the host maps the hub (<c>live.js</c> connects here).</summary>
    public const string HubPath = "/hubs/shop";

    /// <summary>
    /// The live channel: SignalR with the Redis backplane when <c>Redis:ConnectionString</c> is set (the event bus's
    /// setting), in memory otherwise; <see cref="LivePush"/> for the modules that push. Safe to call more than once
    /// (the host and the Notifications module both do).
    /// </summary>
    public static IServiceCollection AddNexusLive(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(LivePush)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        var signalR = services.AddSignalR(options =>
        {
            // Browsers send nothing but pings: a small cap keeps a hostile client from making the server buffer much.
            options.MaximumReceiveMessageSize = 1024;
            options.MaximumParallelInvocationsPerClient = 1;
            options.KeepAliveInterval = TimeSpan.FromSeconds(15);
            options.ClientTimeoutInterval = TimeSpan.FromSeconds(35);
            options.EnableDetailedErrors = false;
            options.AddFilter<LiveCallLimit>();
        });
        var redis = configuration[HealthServiceCollectionExtensions.RedisSetting];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(options =>
            {
                options.Configuration = ConfigurationOptions.Parse(redis);
                options.Configuration.AbortOnConnectFail = false;
                options.Configuration.ChannelPrefix = RedisChannel.Literal("nexus:live");
            });
        }

        services.AddDataProtection();
        services.AddSingleton<LiveGroupTickets>();
        services.AddSingleton<LiveCallLimit>();
        services.AddSingleton<LiveConnections>();
        services.AddSingleton(sp => new LivePush(sp.GetRequiredService<IHubContext<ShopHub>>()));
        services.AddSingleton<LiveSignOut>();
        services.AddHostedService(sp => sp.GetRequiredService<LiveSignOut>());
        return services;
    }

    /// <summary>
    /// Maps the hub at <see cref="HubPath"/>: WebSockets, then Server-Sent Events, then long polling; refused (403)
    /// to a browser on another origin — WebSockets are not covered by CORS, so without this check any site could open
    /// the channel with the shopper's cookies.
    /// </summary>
    public static IEndpointRouteBuilder MapNexusLive(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var publicUrl = endpoints.ServiceProvider.GetService<PublicUrl>();
        endpoints.MapHub<ShopHub>(HubPath, options =>
            {
                options.Transports = HttpTransportType.WebSockets | HttpTransportType.ServerSentEvents | HttpTransportType.LongPolling;
                options.ApplicationMaxBufferSize = 4096;
                options.TransportMaxBufferSize = 64 * 1024;
            })
            .Add(endpoint =>
            {
                var next = endpoint.RequestDelegate!;
                endpoint.RequestDelegate = context =>
                {
                    if (!IsSameOrigin(context.Request, publicUrl))
                    {
                        context.Response.StatusCode = StatusCodes.Status403Forbidden;
                        return Task.CompletedTask;
                    }

                    return next(context);
                };
            });
        return endpoints;
    }

    /// <summary>No <c>Origin</c> (not a browser, which always sends one here) or this shop's own origin.</summary>
    internal static bool IsSameOrigin(HttpRequest request, PublicUrl? publicUrl)
    {
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            return false;
        }

        if (publicUrl is not null && string.Equals(uri.GetLeftPart(UriPartial.Authority), publicUrl.Origin, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
