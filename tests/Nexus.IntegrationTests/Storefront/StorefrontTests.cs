using System.Net;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Storefront;

/// <summary>The embedded defaults (SQLite, demo data) serve a working shop with the security defaults on.</summary>
internal sealed class StorefrontTests
{
    private NexusHostFactory host = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory();
        client = host.CreateClient(new() { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        client.Dispose();
        host.Dispose();
    }

    [Test]
    public async Task The_home_page_lists_the_seeded_products()
    {
        var html = await client.GetStringAsync("/");
        var document = new HtmlParser().ParseDocument(html);
        var names = document.QuerySelectorAll("[data-testid=product-card] .product-name").Select(e => e.TextContent.Trim()).ToList();

        names.Should().HaveCount(24, "the first page of the demo catalog");
        var cards = document.QuerySelectorAll("[data-testid=product-card]")
            .Select(card => $"{card.QuerySelector(".product-name")!.TextContent.Trim()} | {System.Text.RegularExpressions.Regex.Replace(card.QuerySelector(".price")!.TextContent.Trim(), @"\s+", " ")} | {card.QuerySelector(".badge")?.TextContent.Trim()}")
            .Order(StringComparer.Ordinal);
        Approvals.Verify(string.Join('\n', cards));
    }

    [Test]
    public async Task Liveness_and_readiness_answer_200_once_started()
    {
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);

        var ready = await client.GetAsync("/ready");
        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        report.RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        report.RootElement.GetProperty("checks").EnumerateObject().Select(c => c.Name).Should().Contain(["startup", "database:catalog"]);
    }

    [Test]
    public async Task An_unknown_page_shows_the_friendly_404_page()
    {
        var response = await client.GetAsync("/no/such/page");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("We couldn&#x27;t find that page").And.Contain("Back to the shop");
    }

    [Test]
    public async Task An_unknown_api_path_answers_problem_details()
    {
        var response = await client.GetAsync("/api/no-such-thing");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Test]
    public async Task Invalid_api_input_answers_a_validation_problem_naming_the_field()
    {
        var response = await client.GetAsync("/api/catalog/products?page=0&pageSize=500");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        errors.TryGetProperty("Page", out _).Should().BeTrue();
        errors.TryGetProperty("PageSize", out _).Should().BeTrue();
        problem.RootElement.GetProperty("correlationId").GetString().Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task The_products_api_pages_the_catalog()
    {
        using var page = JsonDocument.Parse(await client.GetStringAsync("/api/catalog/products?page=2&pageSize=3"));
        // The demo catalog's listed products: all but its unpublished drafts.
        var listed = Nexus.Modules.Catalog.Seeding.DemoCatalog.Build("USD").Products.Count(p => p.IsPublished);
        page.RootElement.GetProperty("totalCount").GetInt32().Should().Be(listed);
        page.RootElement.GetProperty("products").GetArrayLength().Should().Be(3);
        page.RootElement.GetProperty("pageCount").GetInt32().Should().Be((listed + 2) / 3);
    }

    [Test]
    public async Task Every_response_carries_the_security_headers_with_a_fresh_nonce()
    {
        var first = await client.GetAsync("/");
        var second = await client.GetAsync("/no/such/page");

        foreach (var response in new[] { first, second })
        {
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            csp.Should().Contain("script-src 'self' 'nonce-").And.Contain("frame-ancestors 'self'").And.NotContain("unsafe-inline");
            response.Headers.GetValues("X-Content-Type-Options").Single().Should().Be("nosniff");
            response.Headers.GetValues("Referrer-Policy").Single().Should().Be("strict-origin-when-cross-origin");
        }

        Nonce(first).Should().NotBe(Nonce(second));
    }

    [Test]
    public async Task A_callers_correlation_id_is_returned_and_one_is_made_when_missing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.Add("X-Correlation-Id", "checkout-42");
        var echoed = await client.SendAsync(request);
        echoed.Headers.GetValues("X-Correlation-Id").Single().Should().Be("checkout-42");

        using var unsafeRequest = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        unsafeRequest.Headers.TryAddWithoutValidation("X-Correlation-Id", "<script>alert(1)</script>");
        var replaced = await client.SendAsync(unsafeRequest);
        replaced.Headers.GetValues("X-Correlation-Id").Single().Should().MatchRegex("^[0-9a-f]{32}$");
    }

    [Test]
    public async Task Log_lines_carry_the_correlation_id_of_their_request()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?page=1");
        request.Headers.Add("X-Correlation-Id", "trace-me-123");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var logs = Path.Combine(host.DataPath, "logs");
        await Eventually.TrueAsync(
            () => Task.FromResult(Directory.Exists(logs) && Directory.GetFiles(logs).Any(f => ReadShared(f).Contains("trace-me-123 HTTP GET / responded 200", StringComparison.Ordinal))),
            TimeSpan.FromSeconds(10),
            "the request log line should carry the caller's correlation id");
    }

    private static string Nonce(HttpResponseMessage response)
    {
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        var start = csp.IndexOf("'nonce-", StringComparison.Ordinal) + 7;
        return csp[start..csp.IndexOf('\'', start)];
    }

    private static string ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
