using System.Net;
using Microsoft.AspNetCore.Http;
using IPNetwork = System.Net.IPNetwork;

namespace Nexus.Shared.Telemetry;

/// <summary>
/// Who may read <c>/metrics</c>: a connection from one of the allowed networks that did not come through a proxy.
/// Metrics tell order rates, error rates and module names — nothing for the public internet.
/// </summary>
/// <remarks>
/// A request relayed by a proxy (nginx in deploy/) arrives from the proxy's private address whatever the client's is,
/// so any sign of forwarding refuses it: the headers a proxy adds, and the <c>X-Original-For</c> the forwarded-headers
/// middleware leaves when it took the client's address from a trusted proxy. Prometheus scrapes the instance directly.
/// </remarks>
internal static class MetricsAccess
{
    private static readonly string[] ForwardingHeaders = ["X-Forwarded-For", "Forwarded", "X-Original-For", "X-Real-IP"];

    public static bool IsAllowed(HttpContext context, IReadOnlyList<IPNetwork> allowed)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ForwardingHeaders.Any(header => context.Request.Headers.ContainsKey(header)))
        {
            return false;
        }

        return IsAllowed(context.Connection.RemoteIpAddress, allowed);
    }

    public static bool IsAllowed(IPAddress? remote, IReadOnlyList<IPNetwork> allowed)
    {
        ArgumentNullException.ThrowIfNull(allowed);
        if (remote is null)
        {
            // No IP address: a Unix socket (a proxy in front, most likely) or an in-process server. Unknown is refused.
            return false;
        }

        var address = remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote;
        return allowed.Any(network => network.Contains(address));
    }
}
