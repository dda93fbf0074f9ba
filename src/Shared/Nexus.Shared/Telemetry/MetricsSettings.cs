using System.Net;
using Microsoft.Extensions.Configuration;
using Nexus.Shared.Startup;
using IPNetwork = System.Net.IPNetwork;

namespace Nexus.Shared.Telemetry;

/// <summary>
/// <c>Nexus:Metrics:Enabled</c> (default true) and <c>Nexus:Metrics:AllowedNetworks</c> (default: loopback and the
/// private ranges, where a Prometheus beside the shop scrapes from). Read once at start-up; a bad entry stops it.
/// </summary>
internal sealed record MetricsSettings(bool Enabled, IReadOnlyList<IPNetwork> AllowedNetworks)
{
    public const string EnabledSetting = "Nexus:Metrics:Enabled";
    public const string AllowedNetworksSetting = "Nexus:Metrics:AllowedNetworks";
    public const string Path = "/metrics";

    /// <summary>Loopback, RFC 1918 and IPv6 unique-local: addresses the public internet cannot connect from.</summary>
    public static readonly IReadOnlyList<IPNetwork> PrivateNetworks =
    [
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("::1/128"),
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("fc00::/7"),
    ];

    public static MetricsSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var enabledText = configuration[EnabledSetting];
        var enabled = true;
        if (!string.IsNullOrWhiteSpace(enabledText) && !bool.TryParse(enabledText, out enabled))
        {
            throw new StartupConfigurationException(EnabledSetting, $"'{enabledText}' is not true or false");
        }

        var section = configuration.GetSection(AllowedNetworksSetting);
        var entries = section.GetChildren().Select(child => child.Value).Append(section.Value)
            .SelectMany(value => (value ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        if (entries.Count == 0)
        {
            return new MetricsSettings(enabled, PrivateNetworks);
        }

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
                throw new StartupConfigurationException(AllowedNetworksSetting, $"'{entry}' is not an IP address or a CIDR network (e.g. 10.0.0.7 or 172.18.0.0/16)");
            }
        }

        return new MetricsSettings(enabled, networks);
    }
}
