namespace Nexus.EndToEndTests;

/// <summary>
/// In Chromium against a real Kestrel host with the demo catalog: a visitor adds two products from their pages, the
/// badge and the mini-cart follow without a reload, then on the cart changes a quantity and applies a demo code — each
/// change in place (the page's marker survives, so nothing reloaded).
/// </summary>
internal sealed class CartJourneyTests : BrowserTest
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
    public async Task A_visitor_fills_a_cart_without_reloads_changes_a_quantity_and_applies_a_code()
    {
        await Page.GotoAsync(new Uri(baseAddress, "/products/mechanical-keyboard-k2").ToString());
        await Assertions.Expect(Page.GetByTestId("cart-badge")).ToHaveTextAsync("0");
        await MarkAsync();
        await Page.GetByTestId("add-to-cart").GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("cart-badge")).ToHaveTextAsync("1");
        await Assertions.Expect(Page.Locator("[data-cart-status]")).ToContainTextAsync("Added 1 × Mechanical Keyboard K2");
        (await StillMarkedAsync()).Should().BeTrue("the add happened without a reload");

        await Page.GotoAsync(new Uri(baseAddress, "/products/ergonomic-mouse-m5").ToString());
        await MarkAsync();
        await Page.GetByLabel("Quantity").FillAsync("2");
        await Page.GetByTestId("add-to-cart").GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("cart-badge")).ToHaveTextAsync("3");
        await Page.Locator(".mini-cart > summary").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("mini-cart-line")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.GetByTestId("mini-cart-subtotal")).ToHaveTextAsync("$247.00");
        (await StillMarkedAsync()).Should().BeTrue();

        await Page.GetByTestId("mini-cart-view").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Your cart" })).ToBeVisibleAsync();
        await MarkAsync();
        var keyboard = Page.GetByTestId("cart-line").Filter(new() { HasText = "Mechanical Keyboard K2" });
        await keyboard.GetByTestId("cart-line-quantity").FillAsync("2");
        await keyboard.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("cart-message")).ToHaveTextAsync("Quantity updated.");
        await Assertions.Expect(Page.GetByTestId("cart-subtotal")).ToHaveTextAsync("$376.00");
        await Assertions.Expect(Page.GetByTestId("cart-badge")).ToHaveTextAsync("4");

        await Page.GetByTestId("cart-coupon-code").FillAsync("welcome10");
        await Page.GetByTestId("cart-coupon-apply").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("cart-message")).ToContainTextAsync("Code WELCOME10 applied");
        await Assertions.Expect(Page.GetByTestId("cart-discount")).ToHaveTextAsync("−$37.60");
        await Assertions.Expect(Page.GetByTestId("cart-shipping")).ToHaveTextAsync("Free");
        (await StillMarkedAsync()).Should().BeTrue("cart changes swap the page in place");
        AssertNoConsoleErrors();
    }

    private Task MarkAsync() => Page.EvaluateAsync("() => { window.__cartJourney = 1; }");

    private Task<bool> StillMarkedAsync() => Page.EvaluateAsync<bool>("() => window.__cartJourney === 1");
}
