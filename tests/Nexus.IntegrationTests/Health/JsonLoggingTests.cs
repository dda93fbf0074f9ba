using System.Text.Json;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Health;

/// <summary>Logging:Json=true makes every log line a JSON object a shipper can parse, correlation id included.</summary>
internal sealed class JsonLoggingTests
{
    [Test]
    public async Task Json_logging_writes_one_parseable_object_per_line()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Logging:Json"] = "true" });
        using var client = host.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Correlation-Id", "json-log-check");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var logs = Path.Combine(host.DataPath, "logs");
        JsonElement requestLine = default;
        await Eventually.TrueAsync(
            () =>
            {
                var lines = Directory.Exists(logs) ? Directory.GetFiles(logs).SelectMany(ReadLines).ToList() : [];
                foreach (var line in lines)
                {
                    using var json = JsonDocument.Parse(line); // throws if any line is not JSON
                    // Rendered compact JSON: @t, @m, @l (left out for Information) and the properties at the top level.
                    if (json.RootElement.TryGetProperty("CorrelationId", out var id) && id.GetString() == "json-log-check"
                        && json.RootElement.TryGetProperty("RequestPath", out var path) && path.GetString() == "/")
                    {
                        requestLine = json.RootElement.Clone();
                    }
                }

                return Task.FromResult(requestLine.ValueKind == JsonValueKind.Object);
            },
            TimeSpan.FromSeconds(10),
            "the request's log line should be JSON carrying its correlation id");

        requestLine.GetProperty("StatusCode").GetInt32().Should().Be(200);
        requestLine.TryGetProperty("@l", out _).Should().BeFalse("Information is the level compact JSON leaves out");
        requestLine.GetProperty("@m").GetString().Should().StartWith("HTTP GET / responded 200 in ");
    }

    private static IEnumerable<string> ReadLines(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
