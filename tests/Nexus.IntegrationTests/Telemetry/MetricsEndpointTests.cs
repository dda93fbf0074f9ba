using System.Globalization;
using System.Net;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Nexus.IntegrationTests.Scheduling;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Telemetry;

/// <summary>
/// <c>/metrics</c> on a real Kestrel socket: a scrape from loopback finds ASP.NET Core's request metrics, the runtime's
/// and Nexus's own (events published, handled and failed with their lag, the outbox age, job failures, the SQLite
/// writer wait) with plausible values; a scrape through a proxy, from outside the allowed networks or with metrics
/// off finds nothing.
/// </summary>
/// <remarks>
/// Not beside other fixtures: ASP.NET Core's meters are per host but share their names, and OpenTelemetry feeds
/// same-named instruments of one process into one stream — a neighbouring test's host, stopping mid-test, ends the
/// stream this host's request metrics go to. Production runs one host per process.
/// </remarks>
[NonParallelizable]
internal sealed class MetricsEndpointTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task A_scrape_from_loopback_shows_requests_runtime_events_jobs_and_sqlite_waits()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:PollInterval"] = "00:00:00.5",
            // A poisoned ping fails at once and is retried soon, then dead-lettered: both outcomes are counted.
            ["Events:MaxAttempts"] = "2",
            ["Events:RetryBaseDelay"] = "00:00:00.2",
        }).WithProbe().WithServices(services => services.AddScoped<AlwaysFailingJob>());
        var address = host.StartKestrel();
        using var client = new HttpClient { BaseAddress = address };

        for (var i = 0; i < 5; i++)
        {
            (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        await host.EmitAsync(0, 20);
        await host.EmitAsync(1000, 1, poison: true);
        host.Service<IBackgroundJobClient>().Enqueue<AlwaysFailingJob>(job => job.RunAsync(CancellationToken.None));
        await Eventually.TrueAsync(async () => await host.PingCountAsync() >= 20, Patience, "the probe should apply the pings");

        Scrape scrape = null!;
        await Eventually.TrueAsync(
            async () =>
            {
                scrape = await Scrape.FromAsync(client);
                return scrape.Sum("nexus_jobs_failed_total", ("job", "AlwaysFailingJob")) >= 1
                    && scrape.Sum("nexus_events_failed_total", ("consumer", "Probe"), ("outcome", "dead_lettered")) >= 1;
            },
            Patience,
            "the failing job should end Failed and the poisoned ping dead-lettered");

        scrape.ContentType.Should().StartWith("text/plain");
        scrape.Values("target_info", ("service_name", "Nexus")).Should().ContainSingle("the series say which host they come from");
        // ASP.NET Core's own request metrics: count and latency per route and status.
        scrape.Sum("http_server_request_duration_seconds_count", ("http_route", "/healthz"), ("http_response_status_code", "200")).Should().BeGreaterThanOrEqualTo(5);
        scrape.Has("http_server_request_duration_seconds_bucket").Should().BeTrue();
        // The runtime's meter.
        scrape.Has("dotnet_process_memory_working_set_bytes").Should().BeTrue();
        // Events: what went out of the probe's outbox, what the probe handled, how late, and what failed.
        scrape.Sum("nexus_events_published_total", ("module", "Probe")).Should().BeGreaterThanOrEqualTo(21);
        scrape.Sum("nexus_events_handled_total", ("consumer", "Probe"), ("event", "probe.pinged")).Should().BeGreaterThanOrEqualTo(20);
        scrape.Sum("nexus_events_handle_lag_seconds_count", ("consumer", "Probe")).Should().BeGreaterThanOrEqualTo(20);
        var lag = scrape.Sum("nexus_events_handle_lag_seconds_sum", ("consumer", "Probe")) / scrape.Sum("nexus_events_handle_lag_seconds_count", ("consumer", "Probe"));
        lag.Should().BeInRange(0, 30, "on an idle bus an event is handled within seconds");
        scrape.Sum("nexus_events_publish_lag_seconds_count", ("module", "Probe")).Should().BeGreaterThanOrEqualTo(21);
        scrape.Sum("nexus_events_failed_total", ("consumer", "Probe"), ("outcome", "retrying")).Should().BeGreaterThanOrEqualTo(1);
        scrape.Values("nexus_events_outbox_oldest_age_seconds", ("module", "Probe")).Should().ContainSingle().Which.Should().BeInRange(0, 30);
        // Jobs: the failing job's runs (first attempt and retry) and its end in Failed.
        scrape.Sum("nexus_jobs_duration_seconds_count", ("job", "AlwaysFailingJob"), ("outcome", "failed")).Should().BeGreaterThanOrEqualTo(2);
        // SQLite: commands and consumer batches queued for the writer lock.
        scrape.Sum("nexus_sqlite_writer_wait_seconds_count").Should().BeGreaterThan(0);
    }

    [Test]
    public async Task A_scrape_relayed_by_a_proxy_from_outside_the_allowed_networks_or_with_metrics_off_finds_nothing()
    {
        using (var host = new NexusHostFactory())
        {
            using var client = new HttpClient { BaseAddress = host.StartKestrel() };
            (await client.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.OK);

            // nginx in front: the connection is private, the client may be anyone.
            using var relayed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            relayed.Headers.Add("X-Forwarded-For", "203.0.113.7");
            await ShouldBeRefusedAsync(await client.SendAsync(relayed));
        }

        // As a public address: loopback outside the allowed networks takes the same path as 203.0.113.7 would.
        using (var host = new NexusHostFactory(new Dictionary<string, string?> { ["Nexus:Metrics:AllowedNetworks"] = "192.0.2.0/24" }))
        {
            using var client = new HttpClient { BaseAddress = host.StartKestrel() };
            await ShouldBeRefusedAsync(await client.GetAsync("/metrics"));
        }

        using (var host = new NexusHostFactory(new Dictionary<string, string?> { ["Nexus:Metrics:Enabled"] = "false" }))
        {
            using var client = new HttpClient { BaseAddress = host.StartKestrel() };
            await ShouldBeRefusedAsync(await client.GetAsync("/metrics"));
        }
    }

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().NotContain("# TYPE").And.NotContain("http_server_request_duration");
    }

    /// <summary>Prometheus' text format, read just enough to find a series by name and labels.</summary>
    private sealed class Scrape
    {
        private readonly List<(string Name, Dictionary<string, string> Labels, double Value)> samples = [];

        public string ContentType { get; private init; } = string.Empty;

        public static async Task<Scrape> FromAsync(HttpClient client)
        {
            using var response = await client.GetAsync("/metrics");
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var scrape = new Scrape { ContentType = response.Content.Headers.ContentType?.ToString() ?? string.Empty };
            foreach (var line in (await response.Content.ReadAsStringAsync()).Split('\n'))
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var labelsStart = line.IndexOf('{', StringComparison.Ordinal);
                var labelsEnd = line.LastIndexOf('}');
                var name = labelsStart < 0 ? line[..line.IndexOf(' ', StringComparison.Ordinal)] : line[..labelsStart];
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                if (labelsStart >= 0)
                {
                    foreach (var pair in line[(labelsStart + 1)..labelsEnd].Split("\",", StringSplitOptions.RemoveEmptyEntries))
                    {
                        var equals = pair.IndexOf('=', StringComparison.Ordinal);
                        labels[pair[..equals]] = pair[(equals + 1)..].Trim('"');
                    }
                }

                var rest = line[((labelsEnd < 0 ? name.Length : labelsEnd + 1))..].Trim().Split(' ')[0];
                scrape.samples.Add((name, labels, double.Parse(rest, NumberStyles.Float, CultureInfo.InvariantCulture)));
            }

            return scrape;
        }

        public bool Has(string name) => samples.Exists(s => s.Name == name);

        public List<double> Values(string name, params (string Key, string Value)[] labels) =>
            samples.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Select(s => s.Value).ToList();

        public double Sum(string name, params (string Key, string Value)[] labels) => Values(name, labels).Sum();
    }
}
