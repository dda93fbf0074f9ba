using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Health;

/// <summary>
/// Serilog's request logging: one completion event per request carrying the correlation id, the status the client
/// finally got (after the status-code page or the exception handler) and the user; probes only at Debug.
/// </summary>
internal sealed class RequestLoggingTests
{
    [Test]
    public async Task The_completion_event_carries_the_correlation_id_the_user_and_the_status_a_status_page_sent()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Logging:Json"] = "true" }).WithTestAuthentication();
        using var client = host.CreateClientAs("logged-user-7", "Customer");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page?q=secret");
        request.Headers.Add("X-Correlation-Id", "log-404-check");
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("<html", "the status page re-executed and wrote the page");

        var completion = await CompletionEventAsync(host, "log-404-check");
        completion.GetProperty("StatusCode").GetInt32().Should().Be(404);
        completion.GetProperty("RequestPath").GetString().Should().Be("/no-such-page", "the query string stays out of the log");
        completion.GetProperty("RequestMethod").GetString().Should().Be("GET");
        completion.GetProperty("UserId").GetString().Should().Be("logged-user-7");
        completion.GetProperty("Elapsed").GetDouble().Should().BePositive();
        completion.TryGetProperty("@l", out _).Should().BeFalse("a 404 logs at Information");
    }

    [Test]
    public async Task An_exception_the_error_page_answered_is_logged_once_at_Error_with_the_500_the_client_got()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Logging:Json"] = "true" })
            .WithServices(services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, ThrowingEndpoint.Path);
        request.Headers.Add("X-Correlation-Id", "log-500-check");
        var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.InternalServerError);

        var completion = await CompletionEventAsync(host, "log-500-check");
        completion.GetProperty("StatusCode").GetInt32().Should().Be(500);
        completion.GetProperty("RequestPath").GetString().Should().Be(ThrowingEndpoint.Path);
        completion.GetProperty("@l").GetString().Should().Be("Error");
    }

    [Test]
    public async Task Health_probes_log_at_Debug_and_pages_at_Information()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Logging:Json"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Debug",
        });
        using var client = host.CreateClient();
        foreach (var (path, id) in new[] { ("/healthz", "probe-live"), ("/ready", "probe-ready"), ("/", "page-home") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("X-Correlation-Id", id);
            (await client.SendAsync(request)).EnsureSuccessStatusCode();
        }

        (await CompletionEventAsync(host, "probe-live")).GetProperty("@l").GetString().Should().Be("Debug");
        (await CompletionEventAsync(host, "probe-ready")).GetProperty("@l").GetString().Should().Be("Debug");
        (await CompletionEventAsync(host, "page-home")).TryGetProperty("@l", out _).Should().BeFalse("a page logs at Information");
    }

    [Test]
    public async Task At_the_default_level_probes_stay_out_of_the_log()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Logging:Json"] = "true" });
        using var client = host.CreateClient();
        using (var probe = new HttpRequestMessage(HttpMethod.Get, "/healthz"))
        {
            probe.Headers.Add("X-Correlation-Id", "quiet-probe");
            (await client.SendAsync(probe)).EnsureSuccessStatusCode();
        }

        using (var page = new HttpRequestMessage(HttpMethod.Get, "/"))
        {
            page.Headers.Add("X-Correlation-Id", "after-probe");
            (await client.SendAsync(page)).EnsureSuccessStatusCode();
        }

        await CompletionEventAsync(host, "after-probe");
        Events(host).Where(e => e.TryGetProperty("CorrelationId", out var id) && id.GetString() == "quiet-probe").Should().BeEmpty();
    }

    /// <summary>Waits for the request's completion event in the host's JSON log file.</summary>
    private static async Task<JsonElement> CompletionEventAsync(NexusHostFactory host, string correlationId)
    {
        JsonElement found = default;
        await Eventually.TrueAsync(
            () =>
            {
                var matches = Events(host)
                    .Where(e => e.TryGetProperty("CorrelationId", out var id) && id.GetString() == correlationId && e.TryGetProperty("StatusCode", out _))
                    .ToList();
                matches.Count.Should().BeLessThanOrEqualTo(1, "one completion event per request");
                found = matches.SingleOrDefault();
                return Task.FromResult(found.ValueKind == JsonValueKind.Object);
            },
            TimeSpan.FromSeconds(10),
            $"the completion event of {correlationId} should be in the log file");
        return found;
    }

    private static List<JsonElement> Events(NexusHostFactory host)
    {
        var logs = Path.Combine(host.DataPath, "logs");
        if (!Directory.Exists(logs))
        {
            return [];
        }

        var events = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(logs))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            foreach (var line in reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                using var json = JsonDocument.Parse(line);
                events.Add(json.RootElement.Clone());
            }
        }

        return events;
    }

    /// <summary>An endpoint that throws, added at the end of the host's pipeline (after its own endpoints).</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public const string Path = "/test-only/boom";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Map(Path, boom => boom.Run(_ => throw new InvalidOperationException("boom (a test's deliberate failure)")));
        };
    }
}
