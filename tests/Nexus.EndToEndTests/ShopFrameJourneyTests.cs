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
    public async Task On_a_phone_the_header_is_one_line_and_the_menu_button_opens_the_menus(string path)
    {
        await Page.GotoAsync(new Uri(baseAddress, path).ToString());

        var brand = await Page.Locator(".header-bar .brand").BoundingBoxAsync();
        var search = await Page.Locator(".site-search").BoundingBoxAsync();
        var menu = await Page.Locator(".site-menu > summary").BoundingBoxAsync();
        foreach (var box in new[] { search!, menu! })
        {
            Math.Abs((box.Y + (box.Height / 2)) - (brand!.Y + (brand.Height / 2))).Should().BeLessThan(8, "brand, search and menu button share one line");
        }

        (await Page.EvaluateAsync<int>("document.documentElement.scrollWidth")).Should().BeLessThanOrEqualTo(390, "nothing widens the page");
        await Assertions.Expect(Page.GetByTestId("nav-backoffice")).Not.ToBeVisibleAsync();

        await Page.Locator(".site-menu > summary").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("nav-backoffice")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("nav-sign-out")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("category-menu").GetByRole(AriaRole.Link).First).ToBeVisibleAsync();
        AssertNoConsoleErrors();
    }
}
