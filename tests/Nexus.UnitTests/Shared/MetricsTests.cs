using System.Diagnostics.Metrics;
using System.Net;
using Hangfire.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Nexus.Shared.Logging;
using Nexus.Shared.Messaging;
using Nexus.Shared.Scheduling;
using Nexus.Shared.Startup;
using Nexus.Shared.Telemetry;
using Serilog.Events;

namespace Nexus.UnitTests.Shared;

/// <summary>Who may read /metrics, what the settings accept, and the small pieces of logic behind Nexus's own instruments.</summary>
internal sealed class MetricsTests
{
    [Test]
    public void By_default_metrics_are_on_and_readable_from_loopback_and_private_networks_only()
    {
        var settings = MetricsSettings.From(Configuration([]));
        settings.Enabled.Should().BeTrue();

        foreach (var address in new[] { "127.0.0.1", "::1", "10.1.2.3", "172.18.0.5", "192.168.1.20", "fd12:3456::1", "::ffff:10.0.0.9" })
        {
            MetricsAccess.IsAllowed(IPAddress.Parse(address), settings.AllowedNetworks).Should().BeTrue(address);
        }

        foreach (var address in new[] { "8.8.8.8", "172.32.0.1", "192.169.0.1", "2001:db8::1", "::ffff:8.8.8.8", "100.64.0.1" })
        {
            MetricsAccess.IsAllowed(IPAddress.Parse(address), settings.AllowedNetworks).Should().BeFalse(address);
        }
    }

    [Test]
    public void A_request_without_an_ip_address_is_refused()
    {
        MetricsAccess.IsAllowed((IPAddress?)null, MetricsSettings.PrivateNetworks).Should().BeFalse("a Unix socket has a proxy in front, most likely");
    }

    [TestCase("X-Forwarded-For", "203.0.113.7")]
    [TestCase("Forwarded", "for=203.0.113.7")]
    [TestCase("X-Original-For", "203.0.113.7:4431")]
    [TestCase("X-Real-IP", "203.0.113.7")]
    public void A_request_relayed_by_a_proxy_is_refused_even_from_a_private_address(string header, string value)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.2");
        MetricsAccess.IsAllowed(context, MetricsSettings.PrivateNetworks).Should().BeTrue();

        context.Request.Headers[header] = value;
        MetricsAccess.IsAllowed(context, MetricsSettings.PrivateNetworks).Should().BeFalse();
    }

    [Test]
    public void Configured_networks_replace_the_defaults()
    {
        var settings = MetricsSettings.From(Configuration(new() { [MetricsSettings.AllowedNetworksSetting] = "203.0.113.7; 198.51.100.0/24" }));

        MetricsAccess.IsAllowed(IPAddress.Parse("203.0.113.7"), settings.AllowedNetworks).Should().BeTrue();
        MetricsAccess.IsAllowed(IPAddress.Parse("198.51.100.200"), settings.AllowedNetworks).Should().BeTrue();
        MetricsAccess.IsAllowed(IPAddress.Parse("203.0.113.8"), settings.AllowedNetworks).Should().BeFalse();
        MetricsAccess.IsAllowed(IPAddress.Parse("127.0.0.1"), settings.AllowedNetworks).Should().BeFalse("the list replaces the defaults");
    }

    [Test]
    public void Networks_may_be_given_as_an_array()
    {
        var settings = MetricsSettings.From(Configuration(new()
        {
            [MetricsSettings.AllowedNetworksSetting + ":0"] = "10.9.0.0/16",
            [MetricsSettings.AllowedNetworksSetting + ":1"] = "::1",
        }));

        settings.AllowedNetworks.Should().HaveCount(2);
        MetricsAccess.IsAllowed(IPAddress.IPv6Loopback, settings.AllowedNetworks).Should().BeTrue();
    }

    [TestCase(MetricsSettings.AllowedNetworksSetting, "10.0.0.0/33")]
    [TestCase(MetricsSettings.AllowedNetworksSetting, "prometheus.internal")]
    [TestCase(MetricsSettings.EnabledSetting, "yes")]
    public void A_bad_setting_stops_start_up_naming_it(string setting, string value)
    {
        var act = () => MetricsSettings.From(Configuration(new() { [setting] = value }));
        act.Should().Throw<StartupConfigurationException>().Which.Message.Should().Contain(setting).And.Contain(value);
    }

    [Test]
    public void Metrics_can_be_switched_off()
    {
        MetricsSettings.From(Configuration(new() { [MetricsSettings.EnabledSetting] = "false" })).Enabled.Should().BeFalse();
    }

    [Test]
    public void The_outbox_age_grows_while_events_wait_and_is_zero_once_the_outbox_drained()
    {
        var module = "UnitTestModule-" + Guid.NewGuid().ToString("N");
        var committed = new DateTime(2026, 12, 5, 8, 0, 0, DateTimeKind.Utc);

        EventMetrics.OutboxPending(module, committed);
        Age(module, committed.AddSeconds(90)).Should().Be(90);
        Age(module, committed.AddSeconds(-5)).Should().Be(0, "another instance's clock a little behind is not a negative age");

        EventMetrics.OutboxDrained(module);
        Age(module, committed.AddHours(1)).Should().Be(0);
    }

    [Test]
    public void Prometheus_scrapes_are_logged_at_debug_like_health_probes()
    {
        var context = new DefaultHttpContext();
        context.Request.Path = MetricsSettings.Path;
        RequestLogging.Level(context, 1, exception: null).Should().Be(LogEventLevel.Debug);
    }

    [Test]
    public void A_job_is_named_by_its_class()
    {
        JobMetricsFilter.JobName(Job.FromExpression<DatabaseMaintenanceJob>(job => job.RunAsync(CancellationToken.None))).Should().Be("DatabaseMaintenanceJob");
        JobMetricsFilter.JobName(null).Should().Be("unknown");
    }

    private static double Age(string module, DateTime now) =>
        EventMetrics.ObserveOutboxAge(now).Single(m => Equals(TagValue(m, "module"), module)).Value;

    private static object? TagValue(Measurement<double> measurement, string key)
    {
        foreach (var tag in measurement.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value;
            }
        }

        return null;
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
