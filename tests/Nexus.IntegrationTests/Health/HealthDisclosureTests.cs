using System.Net;
using System.Text.RegularExpressions;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Health;

/// <summary>
/// Issue 13 item 10: health endpoints tell an anonymous caller whether the instance can serve, and nothing an
/// attacker could use — no connection strings, host names or ports of dependencies, versions or stack traces — even
/// while a dependency is failing.
/// </summary>
internal sealed partial class HealthDisclosureTests
{
    [Test]
    public async Task Health_endpoints_reveal_no_internals_while_healthy_or_while_dependencies_fail()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync();
        var redisPort = FreePort.Next();
        using var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Nexus"] = connectionString + ";Timeout=2;Command Timeout=2",
            // Nothing listens there: Redis is down from the start (readiness says Degraded).
            ["Redis:ConnectionString"] = $"127.0.0.1:{redisPort},password=redis-secret-42",
        });
        using var client = host.CreateClient();
        (await client.GetAsync("/")).StatusCode.Should().Be(HttpStatusCode.OK);
        var secrets = Secrets(connectionString).Append("redis-secret-42").Append(redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();

        await AssertDiscreetAsync(client, secrets);
        await postgres.StopAsync();
        (await client.GetAsync("/ready")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        await AssertDiscreetAsync(client, secrets);
    }

    private static async Task AssertDiscreetAsync(HttpClient client, IReadOnlyList<string> secrets)
    {
        foreach (var path in new[] { "/healthz", "/ready", "/health", "/status", "/_nexus/events" })
        {
            using var response = await client.GetAsync(path);
            // ProblemDetails' "type" names an RFC section (15.5.5): a reference, not a version.
            var body = RfcSection().Replace(await response.Content.ReadAsStringAsync(), "rfc");
            var headers = string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => $"{h.Key}: {string.Join(',', h.Value)}"));
            foreach (var secret in secrets)
            {
                // As a whole word: the user name "nexus" may be a piece of a check's name ("database:nexuspay").
                Regex.IsMatch(body, $@"(?<![A-Za-z0-9_]){Regex.Escape(secret)}(?![A-Za-z0-9_])").Should().BeFalse($"{path} must not show a piece of a connection string ({secret}): {body}");
            }

            body.Should().NotContainAny(["Exception", "   at ", "Npgsql", "StackExchange", "Host=", "Password", "Username"]);
            VersionNumber().IsMatch(body).Should().BeFalse($"{path} must not reveal versions: {body}");
            headers.Should().NotContainAny(["X-Powered-By", "X-AspNet-Version"]);
            VersionNumber().IsMatch(headers).Should().BeFalse($"{path} headers must not reveal versions: {headers}");
        }
    }

    // Host, port, database, user and password of the connection string: none of them belongs in a probe's answer.
    private static IEnumerable<string> Secrets(string connectionString) =>
        connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2 && pair[0].Trim().ToUpperInvariant() is "HOST" or "PORT" or "DATABASE" or "USERNAME" or "PASSWORD" && pair[1].Trim().Length > 3)
            .Select(pair => pair[1].Trim());

    [GeneratedRegex(@"https://tools\.ietf\.org/html/rfc\d+#section-[\d.]+")]
    private static partial Regex RfcSection();

    [GeneratedRegex(@"\b\d+\.\d+\.\d+(\.\d+)?\b")]
    private static partial Regex VersionNumber();
}
