using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.Shared.Startup;
using Nexus.Shared.Web;
using IPNetwork = System.Net.IPNetwork;

namespace Nexus.UnitTests.Shared;

/// <summary>Nexus:TrustedProxies: forwarded address and scheme believed only from the configured proxies.</summary>
internal sealed class TrustedProxiesTests
{
    [Test]
    public void Addresses_and_networks_are_read_from_a_separated_list()
    {
        var networks = TrustedProxies.Read(Settings((TrustedProxies.Setting, "10.0.0.5; 172.18.0.0/16, ::1")));
        networks.Should().Equal(IPNetwork.Parse("10.0.0.5/32"), IPNetwork.Parse("172.18.0.0/16"), IPNetwork.Parse("::1/128"));
    }

    [Test]
    public void Addresses_are_read_from_an_array_too()
    {
        var networks = TrustedProxies.Read(Settings(($"{TrustedProxies.Setting}:0", "10.0.0.5"), ($"{TrustedProxies.Setting}:1", "10.0.1.0/24")));
        networks.Should().Equal(IPNetwork.Parse("10.0.0.5/32"), IPNetwork.Parse("10.0.1.0/24"));
    }

    [Test]
    public void Nothing_configured_trusts_nobody_and_adds_no_middleware_options()
    {
        var services = new ServiceCollection();
        services.AddNexusTrustedProxies(Settings()).Should().BeFalse();
        TrustedProxies.Read(Settings((TrustedProxies.Setting, " "))).Should().BeEmpty();
    }

    [TestCase("nginx")]
    [TestCase("10.0.0.300")]
    [TestCase("10.0.0.0/33")]
    public void Anything_else_stops_start_up_naming_the_setting(string entry)
    {
        var read = () => TrustedProxies.Read(Settings((TrustedProxies.Setting, entry)));
        read.Should().Throw<StartupConfigurationException>().Which.Setting.Should().Be(TrustedProxies.Setting);
    }

    [Test]
    public void Configured_proxies_replace_the_loopback_defaults_and_forward_only_address_and_scheme()
    {
        var services = new ServiceCollection();
        services.AddNexusTrustedProxies(Settings((TrustedProxies.Setting, "172.18.0.0/16"))).Should().BeTrue();
        var options = services.BuildServiceProvider().GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value;
        options.KnownIPNetworks.Should().Equal(IPNetwork.Parse("172.18.0.0/16"));
        options.KnownProxies.Should().BeEmpty();
        options.ForwardedHeaders.Should().Be(ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto);
        options.ForwardLimit.Should().BeNull();
        options.KnownProxies.Should().NotContain(IPAddress.Loopback);
    }

    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
