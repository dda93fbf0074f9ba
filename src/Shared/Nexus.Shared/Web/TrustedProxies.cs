using System.Net;
using IPNetwork = System.Net.IPNetwork;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Startup;

namespace Nexus.Shared.Web;

/// <summary>
/// Behind a reverse proxy (deploy/nginx) every connection comes from the proxy, over plain HTTP: per-IP rate limits
/// would throttle all shoppers as one, and cookies would lose <c>Secure</c> (they follow the request's scheme). Nexus
/// believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> only from the addresses in <c>Nexus:TrustedProxies</c>
/// (addresses or CIDR networks, <c>;</c>- or <c>,</c>-separated, or an array) — never from anyone else, since any
/// client can send those headers. Not set: the headers are ignored and the connection's own address is the client's.
/// </summary>
public static class TrustedProxies
{
    public const string Setting = "Nexus:TrustedProxies";

    /// <summary>The configured proxies as networks (a single address is a /32 or /128); empty when none are set.</summary>
    public static IReadOnlyList<IPNetwork> Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Setting);
        var entries = section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var networks = new List<IPNetwork>();
        foreach (var entry in entries)
        {
            if (IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else if (IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else
            {
                throw new StartupConfigurationException(Setting, $"'{entry}' is not an IP address or a CIDR network (e.g. 10.0.0.5 or 172.18.0.0/16)");
            }
        }

        return networks;
    }

    /// <summary>Configures the forwarded-headers middleware for the configured proxies; false (and nothing configured) when none are set.</summary>
    public static bool AddNexusTrustedProxies(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = Read(configuration);
        if (networks.Count == 0)
        {
            return false;
        }

        services.Configure<ForwardedHeadersOptions>(options =>
        {
            // Only the client's address and scheme: the host is pinned by Nexus:PublicUrl and host filtering.
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Replace the loopback defaults with exactly what is configured; unwind a chain of trusted proxies (no
            // fixed limit) up to the first address that is not one of them — that one is the client.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(network);
            }

            options.ForwardLimit = null;
        });
        return true;
    }

    /// <summary>First in the pipeline (before logging, HSTS and rate limits), when proxies are configured.</summary>
    public static WebApplication UseNexusTrustedProxies(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Read(app.Configuration).Count > 0)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
