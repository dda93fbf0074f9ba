using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Storefront;

/// <summary>
/// Issue 14, the shop's frame: page metadata from the public address, fast delivery (compression that never touches a
/// secret, fingerprinted files cached a year, anonymous pages revalidated by ETag, no antiforgery cookie for visitors)
/// and what crawlers read (robots.txt, sitemap.xml).
/// </summary>
internal sealed class ShopFrameTests
{
    private const string PublicUrl = "https://shop.example/";
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory(new Dictionary<string, string?>
    {
        ["Nexus:PublicUrl"] = PublicUrl,
        // A second name the host answers to (a load balancer's, say): pages must still name the public address.
        ["AllowedHosts"] = "alt.example",
        ["Nexus:ShopName"] = "Acme Goods",
    }).WithTestAuthentication();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task Canonical_and_open_graph_urls_come_from_the_public_url_whatever_the_host_header()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "alt.example";
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

        document.Title.Should().Be("Shop · Acme Goods");
        document.QuerySelector("link[rel=canonical]")!.GetAttribute("href").Should().Be(PublicUrl);
        document.QuerySelector("meta[property='og:url']")!.GetAttribute("content").Should().Be(PublicUrl);
        document.QuerySelector("meta[property='og:site_name']")!.GetAttribute("content").Should().Be("Acme Goods");
        document.QuerySelector("meta[name=description]")!.GetAttribute("content").Should().NotBeNullOrWhiteSpace();
        document.QuerySelector("meta[name=robots]").Should().BeNull("the front page is to be indexed");
        document.DocumentElement.OuterHtml.Should().NotContain("alt.example");
    }

    [TestCase("/account/login")]
    [TestCase("/no/such/page")]
    public async Task Account_pages_and_error_pages_ask_not_to_be_indexed_and_name_no_canonical(string path)
    {
        using var client = Client();
        var document = new HtmlParser().ParseDocument(await (await client.GetAsync(path)).Content.ReadAsStringAsync());
        document.QuerySelector("meta[name=robots]")!.GetAttribute("content").Should().Be("noindex");
        document.QuerySelector("link[rel=canonical]").Should().BeNull();
        document.QuerySelector("meta[name=description]")!.GetAttribute("content").Should().NotBeNullOrWhiteSpace();
    }

    [Test]
    public async Task An_anonymous_visitor_gets_the_front_page_without_a_cookie_and_revalidates_it_with_an_etag()
    {
        using var client = Client();
        using var first = await client.GetAsync("/");
        first.StatusCode.Should().Be(HttpStatusCode.OK);
        first.Headers.Contains("Set-Cookie").Should().BeFalse("anonymous pages render no form, so no antiforgery cookie");
        first.Headers.CacheControl!.NoCache.Should().BeTrue();
        first.Headers.CacheControl.NoStore.Should().BeFalse();
        var tag = first.Headers.ETag;
        tag.Should().NotBeNull();

        using var again = new HttpRequestMessage(HttpMethod.Get, "/");
        again.Headers.IfNoneMatch.Add(tag!);
        using var revalidated = await client.SendAsync(again);
        revalidated.StatusCode.Should().Be(HttpStatusCode.NotModified);
        (await revalidated.Content.ReadAsByteArrayAsync()).Should().BeEmpty();

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"something-else\"", isWeak: true));
        (await client.SendAsync(stale)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Anonymous_visitors_are_offered_save_for_later_as_a_sign_in_link_whose_name_starts_with_its_text()
    {
        using var client = Client();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        document.QuerySelectorAll("form[method=post]").Should().BeEmpty();
        var links = document.QuerySelectorAll("[data-testid=save-for-later]");
        links.Should().NotBeEmpty();
        foreach (var link in links)
        {
            link.LocalName.Should().Be("a");
            link.GetAttribute("href").Should().StartWith("/account/login?returnUrl=");
            link.HasAttribute("aria-label").Should().BeFalse();
            link.TextContent.Should().StartWith("Save for later: ");
        }
    }

    [Test]
    public async Task A_signed_in_page_is_neither_compressed_nor_cached()
    {
        using var client = host.CreateClientAs("frame-customer", NexusRoles.Customer);
        client.BaseAddress = new Uri(PublicUrl);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().BeEmpty("a signed-in page carries antiforgery tokens (BREACH)");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.ETag.Should().BeNull();
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"nav-sign-out\"").And.Contain("<button type=\"submit\" class=\"link-button\" data-testid=\"save-for-later\">Save for later<span");
    }

    [TestCase("br")]
    [TestCase("gzip")]
    public async Task Anonymous_pages_and_static_files_are_compressed(string encoding)
    {
        using var client = Client();
        foreach (var path in new[] { "/", "/css/site.css", "/robots.txt" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptEncoding.ParseAdd(encoding);
            using var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK, path);
            response.Content.Headers.ContentEncoding.Should().Equal([encoding], path);
            response.Headers.Vary.Should().Contain("Accept-Encoding", path);
        }
    }

    [Test]
    public async Task The_sign_in_form_is_not_compressed_because_it_carries_an_antiforgery_token()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.AcceptEncoding.ParseAdd("br, gzip");
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentEncoding.Should().BeEmpty();
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Test]
    public async Task Fingerprinted_static_files_are_cached_a_year_and_unversioned_ones_briefly()
    {
        using var client = Client();
        var html = await client.GetStringAsync("/");
        var stylesheet = new HtmlParser().ParseDocument(html).QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        stylesheet.Should().Contain("?v=");

        using var versioned = await client.GetAsync(stylesheet);
        versioned.Headers.CacheControl!.ToString().Should().Be("public, max-age=31536000, immutable");
        using var plain = await client.GetAsync("/css/site.css");
        plain.Headers.CacheControl!.MaxAge.Should().Be(TimeSpan.FromMinutes(5));
        plain.Headers.CacheControl.Extensions.Should().NotContain(e => e.Name == "immutable");
    }

    [Test]
    public async Task Robots_txt_keeps_crawlers_out_of_private_areas_and_points_at_the_sitemap()
    {
        using var client = Client();
        using var response = await client.GetAsync("/robots.txt");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        lines.Should().Contain(["User-agent: *", "Disallow: /admin", "Disallow: /account", "Disallow: /api/", $"Sitemap: {PublicUrl}sitemap.xml"]);
    }

    [Test]
    public async Task The_sitemap_lists_the_front_page_categories_and_listed_products_under_the_public_url()
    {
        using var client = Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/sitemap.xml");
        request.Headers.Host = "alt.example";
        using var response = await client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/xml");
        response.Headers.CacheControl!.MaxAge.Should().Be(TimeSpan.FromMinutes(5));

        var sitemap = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
        var urls = sitemap.Root!.Elements(ns + "url").ToList();
        var locations = urls.Select(u => u.Element(ns + "loc")!.Value).ToList();
        locations.Should().Contain(PublicUrl).And.OnlyContain(l => l.StartsWith(PublicUrl, StringComparison.Ordinal));
        locations.Should().Contain(l => l.StartsWith(PublicUrl + "categories/", StringComparison.Ordinal));
        var products = urls.Where(u => u.Element(ns + "loc")!.Value.StartsWith(PublicUrl + "products/", StringComparison.Ordinal)).ToList();

        // Every listed product of the storefront's own listing, each with when it last changed.
        var listed = new HtmlParser().ParseDocument(await client.GetStringAsync("/")).QuerySelectorAll("[data-testid=product-card]").Length;
        products.Should().HaveCountGreaterThanOrEqualTo(listed).And.OnlyContain(u => u.Element(ns + "lastmod") != null);
    }

    [Test]
    public async Task The_header_has_a_search_box_a_category_menu_and_footer_links_to_the_shops_pages()
    {
        using var client = Client();
        var document = new HtmlParser().ParseDocument(await client.GetStringAsync("/"));
        var search = document.QuerySelector("form[role=search]")!;
        search.GetAttribute("method").Should().Be("get");
        search.GetAttribute("action").Should().Be("/search");
        search.QuerySelector("input[name=q]")!.Id.Should().Be(document.QuerySelector("label[for=site-search-q]")!.GetAttribute("for"));
        document.QuerySelector("details.site-menu > summary")!.TextContent.Trim().Should().Be("Menu");
        document.QuerySelectorAll("[data-testid=category-menu] a").Select(a => a.GetAttribute("href")).Should().NotBeEmpty().And.OnlyContain(h => h!.StartsWith("/categories/", StringComparison.Ordinal));
        document.QuerySelectorAll(".site-footer a").Select(a => a.GetAttribute("href")).Should().Contain(["/pages/contact", "/pages/shipping-returns", "/pages/privacy"]);
    }

    private HttpClient Client() => host.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(PublicUrl), AllowAutoRedirect = false });
}
