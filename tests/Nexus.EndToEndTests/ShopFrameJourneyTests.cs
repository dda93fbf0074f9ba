using Nexus.Shared.Abstractions.Security;

namespace Nexus.EndToEndTests;

/// <summary>The shop's frame on a phone (390 px): one header line, a menu button that works without JavaScript.</summary>
internal sealed class ShopFrameJourneyTests : BrowserTest
{
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static void StartHost()
    {
        host = new NexusHostFactory().WithTestAuthentication();
        baseAddress = host.StartKestrel();
    }

    [OneTimeTearDown]
    public static void StopHost() => host.Dispose();

    protected override BrowserNewContextOptions ContextOptions()
    {
        var options = base.ContextOptions();
        options.ViewportSize = new ViewportSize { Width = 390, Height = 844 };
        // A member of staff: the longest account menu (back office, account, sign out).
        options.ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthenticationHandler.Header] = $"frame-admin;{NexusRoles.Admin}" };
        // The menu must work with scripts off.
        options.JavaScriptEnabled = false;
        return options;
    }

    [TestCase("/")]
    [TestCase("/admin")]
    public async Task On_a_phone_brand_cart_and_menu_share_a_line_the_search_has_its_own_and_the_menu_button_opens_the_menus(string path)
    {
        await Page.GotoAsync(new Uri(baseAddress, path).ToString());

        // Since the cart joined the header, one line left the search box a sliver on a 390 px phone: below 36rem it
        // takes a line of its own, full width, under brand, cart and menu.
        var brand = await Page.Locator(".header-bar .brand").BoundingBoxAsync();
        var search = await Page.Locator(".site-search").BoundingBoxAsync();
        var menu = await Page.Locator(".site-menu > summary").BoundingBoxAsync();
        Math.Abs((menu!.Y + (menu.Height / 2)) - (brand!.Y + (brand.Height / 2))).Should().BeLessThan(8, "brand and menu button share the first line");
        search!.Y.Should().BeGreaterThanOrEqualTo(brand.Y + brand.Height, "the search box has its own line below them");
        search.Width.Should().BeGreaterThan(300, "the search box is usable, not squeezed");

        (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "nothing widens the page");
        await Assertions.Expect(Page.GetByTestId("nav-backoffice")).Not.ToBeVisibleAsync();

        await Page.Locator(".site-menu > summary").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("nav-backoffice")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("nav-sign-out")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("category-menu").GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        AssertNoConsoleErrors();
    }
}
