using System.Globalization;

namespace Nexus.EndToEndTests;

/// <summary>
/// A shopper finds things in the demo catalog, in Chromium: filters, sorts and pages a listing, opens a product, picks
/// a variant (a sold-out combination is marked and cannot be bought), comes back to the same filtered page; the same
/// with JavaScript off; a misspelt search and its suggestion. The demo catalog is a fixed seed, so the hoodie on page
/// two (<see cref="DemoProducts"/>) is always there.
/// </summary>
internal sealed class CatalogJourneyTests : BrowserTest
{
    private const string FilteredPageTwo = "/?category=tops&min=20&max=60&instock=true&sort=price-asc&p=2";
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static void StartHost()
    {
        host = new NexusHostFactory();
        baseAddress = host.StartKestrel();
    }

    [OneTimeTearDown]
    public static void StopHost() => host.Dispose();

    [Test]
    public async Task A_shopper_filters_sorts_pages_opens_a_product_picks_a_variant_and_goes_back_to_the_same_listing()
    {
        await BrowseToTheSoldOutHoodieAndBackAsync(Page);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_same_journey_works_with_javascript_turned_off()
    {
        var options = ContextOptions();
        options.JavaScriptEnabled = false;
        var context = await Context.Browser!.NewContextAsync(options);
        try
        {
            await BrowseToTheSoldOutHoodieAndBackAsync(await context.NewPageAsync());
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Test]
    public async Task A_shopper_misspells_a_search_follows_the_suggestion_and_sees_the_matches_marked()
    {
        await Page.GotoAsync(baseAddress.ToString());
        var header = Page.GetByRole(AriaRole.Search);
        await header.GetByRole(AriaRole.Searchbox).FillAsync("keybaord");
        await header.GetByRole(AriaRole.Searchbox).PressAsync("Enter");

        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(baseAddress, "/search?q=keybaord").ToString());
        await Assertions.Expect(Page.GetByTestId("empty-state")).ToBeVisibleAsync();
        await Page.GetByTestId("suggestion").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(baseAddress, "/search?q=keyboard").ToString());
        await Assertions.Expect(Page.GetByTestId("product-card").First).ToBeVisibleAsync();
        var names = await Page.GetByTestId("product-card").Locator(".product-name").AllInnerTextsAsync();
        names.Should().Contain("Mechanical Keyboard K2");
        var marked = await Page.GetByTestId("product-card").Locator("mark").AllInnerTextsAsync();
        marked.Should().NotBeEmpty().And.OnlyContain(text => text.StartsWith("keyboard", StringComparison.OrdinalIgnoreCase), "only the searched word is highlighted");
        await Assertions.Expect(Page.GetByTestId("product-card").First.Locator(".product-name mark")).ToHaveTextAsync("Keyboard", new() { IgnoreCase = true });
        AssertNoConsoleErrors();
    }

    /// <summary>The journey itself, by clicks and form submits only — nothing in it needs JavaScript.</summary>
    private static async Task BrowseToTheSoldOutHoodieAndBackAsync(IPage page)
    {
        await page.GotoAsync(baseAddress.ToString());
        var filters = page.GetByTestId("filter-form");
        await filters.GetByLabel("Category").SelectOptionAsync("tops");
        await filters.GetByLabel("Min", new() { Exact = true }).FillAsync("20");
        await filters.GetByLabel("Max", new() { Exact = true }).FillAsync("60");
        await filters.GetByLabel("In stock only").CheckAsync();
        await filters.GetByTestId("apply-filters").ClickAsync();
        await Assertions.Expect(page.GetByTestId("filter-chips")).ToContainTextAsync("Tops");
        await Assertions.Expect(page.GetByTestId("filter-chips")).ToContainTextAsync("in stock");

        await filters.GetByLabel("Sort by").SelectOptionAsync("price-asc");
        await filters.GetByTestId("apply-filters").ClickAsync();
        await Assertions.Expect(page.GetByTestId("sort-select")).ToHaveValueAsync("price-asc");
        var firstPage = await PricesAsync(page);
        firstPage.Should().HaveCount(24).And.BeInAscendingOrder().And.OnlyContain(p => p >= 20m && p <= 60m);
        (await page.GetByText("Out of stock").CountAsync()).Should().Be(0, "in stock only");

        await page.GetByTestId("pager").GetByRole(AriaRole.Link, new() { Name = "Next" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(baseAddress, FilteredPageTwo).ToString());
        var secondPage = await PricesAsync(page);
        var lastOnFirstPage = firstPage[^1];
        secondPage.Should().NotBeEmpty().And.BeInAscendingOrder().And.OnlyContain(p => p >= lastOnFirstPage && p <= 60m);
        await Assertions.Expect(page.GetByTestId("pager")).ToContainTextAsync("Page 2 of");

        await page.GetByRole(AriaRole.Link, new() { Name = DemoProducts.HoodieName, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("product-title")).ToHaveTextAsync(DemoProducts.HoodieName);
        await Assertions.Expect(page.GetByTestId("product-rating")).ToContainTextAsync("out of 5 (5 reviews)");
        await Assertions.Expect(page.GetByTestId("review")).ToHaveCountAsync(5);
        await Assertions.Expect(VariantRow(page, "L / Heather Grey")).ToContainTextAsync("Sold out");
        await Assertions.Expect(VariantRow(page, "M / Heather Grey")).ToContainTextAsync("In stock");

        var picker = page.GetByTestId("variant-picker");
        await picker.GetByLabel("Size").SelectOptionAsync("L");
        await picker.GetByLabel("Colour").SelectOptionAsync("Heather Grey");
        await picker.GetByRole(AriaRole.Button, new() { Name = "Choose" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("sku")).ToHaveTextAsync("HD-030-L-GRY");
        await Assertions.Expect(page.GetByTestId("stock")).ToContainTextAsync("Sold out");
        var addToCart = page.GetByTestId("add-to-cart");
        await Assertions.Expect(addToCart.GetByRole(AriaRole.Button, new() { Name = "Add to cart" })).ToBeDisabledAsync();
        await Assertions.Expect(addToCart).ToContainTextAsync("Sold out: you can save this product for later.");

        // Back to the listing (past the variant choice): the same filters, sort and page, from the address alone.
        await page.GoBackAsync();
        await page.GoBackAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(baseAddress, FilteredPageTwo).ToString());
        await Assertions.Expect(page.GetByTestId("sort-select")).ToHaveValueAsync("price-asc");
        await Assertions.Expect(page.GetByTestId("filter-form").GetByLabel("In stock only")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("filter-form").GetByLabel("Min", new() { Exact = true })).ToHaveValueAsync("20");
        (await PricesAsync(page)).Should().Equal(secondPage);
    }

    private static ILocator VariantRow(IPage page, string title) =>
        page.GetByTestId("variants").GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Cell, new() { Name = title, Exact = true }) });

    private static async Task<List<decimal>> PricesAsync(IPage page)
    {
        var texts = await page.GetByTestId("product-card").GetByTestId("price").Locator("span").AllInnerTextsAsync();
        return [.. texts.Select(t => decimal.Parse(t.Trim().TrimStart('$'), NumberStyles.Number, CultureInfo.InvariantCulture))];
    }
}
