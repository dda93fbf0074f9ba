namespace Nexus.EndToEndTests;

/// <summary>A shopper's first visit, in headless Chromium against a real Kestrel host.</summary>
internal sealed class StorefrontJourneyTests : BrowserTest
{
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
    public async Task A_shopper_opens_the_shop_and_sees_the_products()
    {
        var response = await Page.GotoAsync(baseAddress.ToString());

        response!.Status.Should().Be(200);
        (await Page.TitleAsync()).Should().Be("Shop · Nexus");
        await Assertions.Expect(Page.GetByTestId("product-card")).ToHaveCountAsync(24);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Mechanical Keyboard K2" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByText("Out of stock")).ToHaveCountAsync(3);
        (await Page.EvaluateAsync<string>("getComputedStyle(document.body).margin")).Should().Be("0px", "the stylesheet loads under the CSP");
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_mistyped_address_shows_the_friendly_not_found_page_with_a_way_back()
    {
        var response = await Page.GotoAsync(new Uri(baseAddress, "/definitely-not-here").ToString());

        response!.Status.Should().Be(404);
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "We couldn't find that page" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Back to the shop" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("product-card")).ToHaveCountAsync(24);
        BrowserErrors.Where(e => !e.Contains("/definitely-not-here", StringComparison.Ordinal))
            .Should().BeEmpty("only the mistyped address itself may answer 404");
    }
}
