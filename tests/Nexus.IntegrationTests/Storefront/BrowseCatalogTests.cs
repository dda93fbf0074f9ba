using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.BrowseCatalog;
using Nexus.Modules.Catalog.Features;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Storefront;

/// <summary>The storefront's listings on the real host: paging, search, categories, hostile input and the cache.</summary>
internal sealed class BrowseCatalogTests
{
    private NexusHostFactory host = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Modules:Catalog:PageSize"] = "3" });
        client = host.CreateClient(new() { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        client.Dispose();
        host.Dispose();
    }

    [Test]
    public async Task The_page_number_p_pages_the_listing_and_links_keep_it()
    {
        var first = await NamesAsync("/");
        var second = await NamesAsync("/?p=2");
        var legacy = await NamesAsync("/?page=2"); // Razor Pages' own route value: no longer bound

        first.Should().HaveCount(3);
        second.Should().HaveCount(3).And.NotIntersectWith(first);
        legacy.Should().Equal(first);

        var document = await DocumentAsync("/?p=2");
        document.QuerySelector("a[rel=prev]")!.GetAttribute("href").Should().Be("/");
        document.QuerySelector("a[rel=next]")!.GetAttribute("href").Should().Be("/?p=3");
    }

    [Test]
    public async Task Search_ranks_matches_from_the_full_text_index_and_marks_them()
    {
        var document = await DocumentAsync("/search?q=keyboard");
        var names = document.QuerySelectorAll("[data-testid=product-card] .product-name").Select(e => e.TextContent.Trim()).ToList();
        names.Should().Contain("Mechanical Keyboard K2");
        document.QuerySelector("[data-testid=product-card] .product-name mark")!.TextContent.Should().Be("Keyboard");
    }

    [Test]
    public async Task A_misspelt_search_offers_the_word_it_probably_meant()
    {
        var document = await DocumentAsync("/search?q=keybaord");
        document.QuerySelector("[data-testid=empty-state]").Should().NotBeNull();
        document.QuerySelector("[data-testid=suggestion]")!.TextContent.Should().Be("keyboard");
    }

    [Test]
    public async Task A_category_page_lists_its_products_and_an_unknown_one_is_the_404_page()
    {
        // The demo catalog's software shelf and its sub-categories, by name: the first page (3 here) in that order.
        List<string> expected;
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var categories = await db.Categories.ToListAsync();
            var shelf = new HashSet<Guid> { categories.Single(c => c.Slug == "software").Id };
            while (categories.Where(c => c.ParentId is { } parent && shelf.Contains(parent)).Select(c => c.Id).Where(shelf.Add).Any())
            {
            }

            var products = await db.Products.ToListAsync();
            expected = products.Where(p => p.IsListed && shelf.Contains(p.CategoryId)).Select(p => p.Name)
                .Order(StringComparer.OrdinalIgnoreCase).Take(3).ToList();
        }

        var names = await NamesAsync("/categories/software?sort=name");
        names.Should().HaveCount(3).And.Equal(expected);

        var missing = await client.GetAsync("/categories/no-such-shelf");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Filters_combine_and_the_facets_count_each_choice()
    {
        var all = ResultCount(await DocumentAsync("/?category=hardware&sort=price-asc"));
        var document = await DocumentAsync("/?category=hardware&instock=true&sort=price-asc");
        var inStock = ResultCount(document);
        inStock.Should().BeGreaterThan(0).And.BeLessThan(all, "the demo's hardware shelf has sold-out products (the dock)");
        document.QuerySelectorAll("[data-testid=product-card]").Should().HaveCount(3, "one page of three");
        document.QuerySelector("#filter-instock + label")!.TextContent.Should().Contain($"({inStock})");
        document.QuerySelectorAll("[data-testid=filter-chips] a").Should().HaveCount(2);
    }

    [TestCase("/?p=-1")]
    [TestCase("/?p=99999999999999999999")]
    [TestCase("/?p=2147483647")]
    [TestCase("/?min=50&max=10")]
    [TestCase("/?min=abc&max=%3Cscript%3E")]
    [TestCase("/?rating=99&instock=maybe&sort=%27%3B%20DROP%20TABLE%20products")]
    [TestCase("/search?q=%22unterminated")]
    [TestCase("/search?q=NEAR(keyboard%20mouse)%20OR%20*%20AND%20-x%20%5E")]
    [TestCase("/search?q=%27%20OR%201%3D1%20--")]
    [TestCase("/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [TestCase("/categories/%27%20OR%201%3D1?tag=%3Cb%3E")]
    public async Task Hostile_input_is_clamped_never_a_server_error(string url)
    {
        var response = await client.GetAsync(url);
        ((int)response.StatusCode).Should().BeLessThan(500, url);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain("<script>alert(1)");
    }

    [Test]
    public async Task A_ten_kilobyte_search_is_shortened_with_a_notice()
    {
        var response = await client.GetAsync("/search?q=" + new string('k', 10_000));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("shortened");
    }

    [Test]
    public async Task A_saved_product_change_shows_on_the_next_request()
    {
        (await NamesAsync("/search?q=stand")).Should().Contain("Laptop Stand");
        var loads = host.Service<CatalogSnapshotCache>().Loads;
        await NamesAsync("/");
        host.Service<CatalogSnapshotCache>().Loads.Should().Be(loads, "an unchanged catalog is served from the cache");

        await RenameAsync(host, "AC-STND-01", "Folding Laptop Riser");

        (await NamesAsync("/search?q=laptop")).Should().Contain("Folding Laptop Riser").And.NotContain("Laptop Stand");
        (await NamesAsync("/search?q=riser")).Should().Equal("Folding Laptop Riser");
    }

    [Test]
    public async Task A_product_page_shows_the_product_renders_markdown_without_raw_html_and_follows_old_slugs()
    {
        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var product = await db.Products.SingleAsync(p => p.Sku == "HW-KEYB-01");
            product.UpdateDetails(product.Name, product.Summary, "**Loud** and <script>alert(1)</script> clicky.", product.MetaDescription, DateTime.UtcNow);
            var old = product.ChangeSlug("mechanical-keyboard-k2-pro", DateTime.UtcNow);
            db.SlugRedirects.Add(new Nexus.Modules.Catalog.Domain.SlugRedirect(Nexus.Modules.Catalog.Domain.SlugKind.Product, old, product.Id, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var page = await DocumentAsync("/products/mechanical-keyboard-k2-pro");
        page.QuerySelector("[data-testid=product-title]")!.TextContent.Should().Be("Mechanical Keyboard K2");
        page.QuerySelector("[data-testid=sku]")!.TextContent.Should().Be("HW-KEYB-01");
        var description = page.QuerySelector("[data-testid=description]")!;
        description.QuerySelector("strong")!.TextContent.Should().Be("Loud");
        description.QuerySelector("script").Should().BeNull("raw HTML in Markdown is shown as text");
        description.TextContent.Should().Contain("<script>");
        // In stock with one variant: the form adds that variant to the cart (the Cart module's endpoint).
        var addToCart = page.QuerySelector("[data-testid=add-to-cart]")!;
        addToCart.GetAttribute("action").Should().Be("/cart/add");
        addToCart.QuerySelector("fieldset")!.HasAttribute("disabled").Should().BeFalse();
        addToCart.QuerySelector("input[name=variantId]")!.GetAttribute("value").Should().NotBeNullOrEmpty();
        page.QuerySelector("[data-testid=related]").Should().NotBeNull("other hardware is related");

        var moved = await client.GetAsync("/products/mechanical-keyboard-k2");
        moved.StatusCode.Should().Be(HttpStatusCode.MovedPermanently);
        moved.Headers.Location!.ToString().Should().Be("/products/mechanical-keyboard-k2-pro");

        (await client.GetAsync("/products/no-such-thing")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/products/" + new string('x', 5000))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    internal static async Task RenameAsync(NexusHostFactory host, string sku, string name)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var product = await db.Products.SingleAsync(p => p.Sku == sku);
        product.UpdateDetails(name, product.Summary, product.DescriptionMarkdown, product.MetaDescription, DateTime.UtcNow);
        await db.SaveChangesAsync();
    }

    private static int ResultCount(AngleSharp.Html.Dom.IHtmlDocument document) =>
        int.Parse(document.QuerySelector("[data-testid=result-count]")!.TextContent.Trim().Split(' ')[0].Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<string>> NamesAsync(string url) =>
        (await DocumentAsync(url)).QuerySelectorAll("[data-testid=product-card] .product-name").Select(e => e.TextContent.Trim()).ToList();

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> DocumentAsync(string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.Should().Be(HttpStatusCode.OK, url);
        return new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
    }
}
