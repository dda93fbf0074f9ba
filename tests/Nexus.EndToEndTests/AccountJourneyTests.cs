using Microsoft.Extensions.DependencyInjection;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Nexus.EndToEndTests;

/// <summary>
/// A shopper's account, end to end in Chromium: register, confirm from the e-mail in the pickup folder, sign in,
/// edit the profile, add an address, save a product for later — then sign out in one tab and watch the other
/// tab of the same browser sign out too, within 2 seconds.
/// </summary>
internal sealed partial class AccountJourneyTests : BrowserTest
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
    public async Task A_shopper_registers_confirms_signs_in_edits_their_account_and_signing_out_reaches_every_tab()
    {
        const string email = "journey@example.com";
        const string password = "Journey-Password-7";

        await Page.GotoAsync(baseAddress.ToString());
        await Page.GetByTestId("nav-sign-in").ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await Page.GetByLabel("Repeat the password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("register-done")).ToContainTextAsync(email);

        var link = await MailPickup.WaitForLinkAsync(host.DataPath, email, "/account/confirm-email");
        await Page.GotoAsync(link);
        await Assertions.Expect(Page.GetByTestId("email-confirmed")).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("account-email")).ToHaveTextAsync(email);

        await Page.GetByTestId("account-tabs").GetByRole(AriaRole.Link, new() { Name = "Profile" }).ClickAsync();
        await Page.GetByLabel("Name").FillAsync("Jo Journey");
        await Page.GetByLabel("Phone").FillAsync("+44 20 7946 0123");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("profile-saved")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByLabel("Name")).ToHaveValueAsync("Jo Journey");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Addresses" }).First.ClickAsync();
        await Page.GetByLabel("Full name").FillAsync("Jo Journey");
        await Page.GetByLabel("Street and number").FillAsync("221B Baker Street");
        await Page.GetByLabel("Postal code").FillAsync("NW1 6XE");
        await Page.GetByLabel("Town or city").FillAsync("London");
        await Page.GetByLabel("Country").SelectOptionAsync("GB");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        var address = Page.GetByTestId("address");
        await Assertions.Expect(address).ToHaveCountAsync(1);
        await Assertions.Expect(address).ToContainTextAsync("221B Baker Street");
        await Assertions.Expect(address).ToContainTextAsync("Default shipping");

        await Page.GotoAsync(baseAddress.ToString());
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Save for later\s*:\s*Mechanical Keyboard K2$") }).ClickAsync();
        await Page.GotoAsync(new Uri(baseAddress, "/account/wishlist").ToString());
        await Assertions.Expect(Page.GetByTestId("wishlist-item")).ToContainTextAsync("Mechanical Keyboard K2");

        // A second tab of the same browser, on a page only a signed-in shopper may see.
        var otherTab = await Context.NewPageAsync();
        await otherTab.GotoAsync(new Uri(baseAddress, "/account/addresses").ToString());
        await Assertions.Expect(otherTab.GetByTestId("address")).ToHaveCountAsync(1);

        var clock = Stopwatch.StartNew();
        await Page.GetByTestId("nav-sign-out").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("signed-out")).ToBeVisibleAsync();
        await Assertions.Expect(otherTab).ToHaveURLAsync(LoginPage(), new() { Timeout = 2000 });
        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2.5), "the other tab signs out within 2 s of the sign-out (plus this test's own round trips)");
        await Assertions.Expect(otherTab.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_tab_left_open_notices_a_sign_out_that_happened_elsewhere_through_the_live_channel()
    {
        // Signed out in another window whose broadcast this tab never hears (a second browser context with a copy of the
        // cookie): this browser's cookie is gone, and only the server can tell this tab to look (decision 0026).
        var user = "elsewhere@example.com";
        await RegisterConfirmedAsync(user);
        await SignInAsync(Page, user);
        await Page.GotoAsync(new Uri(baseAddress, "/account").ToString());
        await Page.WaitForFunctionAsync("() => document.documentElement.dataset.liveChannel === 'live'", null, new() { Timeout = 10_000 });
        await using var elsewhere = await Context.Browser!.NewContextAsync();
        await elsewhere.AddCookiesAsync((await Context.CookiesAsync()).Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite }));
        var other = await elsewhere.NewPageAsync();
        await other.GotoAsync(new Uri(baseAddress, "/account").ToString());

        await Context.ClearCookiesAsync();
        await other.GetByTestId("nav-sign-out").ClickAsync();
        await Assertions.Expect(other.GetByTestId("signed-out")).ToBeVisibleAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(LoginPage(), new() { Timeout = 2500 });
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task Without_a_live_transport_the_tab_falls_back_to_polling_and_still_notices()
    {
        var user = "no-live@example.com";
        await RegisterConfirmedAsync(user);
        await SignInAsync(Page, user);
        // The hub out of reach (a proxy that refuses it): live.js falls back to checking on a backing-off timer.
        await Page.RouteAsync("**/hubs/shop/**", route => route.AbortAsync());
        await Page.GotoAsync(new Uri(baseAddress, "/account").ToString());
        await Page.WaitForFunctionAsync("() => document.documentElement.dataset.liveChannel === 'polling'", null, new() { Timeout = 10_000 });

        // The cookie disappears without a sign-out page in this browser (e.g. an expired session).
        await Context.ClearCookiesAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(LoginPage(), new() { Timeout = 10_000 });
    }

    [Test]
    public async Task The_address_form_shows_a_fields_message_in_the_browser_before_anything_is_sent()
    {
        const string user = "client-checks@example.com";
        await RegisterConfirmedAsync(user);
        await SignInAsync(Page, user);
        await Page.GotoAsync(new Uri(baseAddress, "/account/addresses").ToString());
        // The vendored script ran (a CSP refusal would leave this unset and log a console error).
        await Assertions.Expect(Page.Locator("html")).ToHaveAttributeAsync("data-client-validation", "ready");
        var posts = 0;
        // Form posts only: the live channel's negotiation is a POST too.
        Page.Request += (_, request) => posts += request.Method == "POST" && !request.Url.Contains("/hubs/", StringComparison.Ordinal) ? 1 : 0;

        await Page.GetByLabel("Street and number").FillAsync("1 Client Road");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        var fullNameMessage = Page.Locator("[data-valmsg-for='Input.FullName']");
        await Assertions.Expect(fullNameMessage).ToHaveTextAsync("Enter the recipient's name.");
        await Assertions.Expect(Page.Locator("[data-valmsg-for='Input.City']")).ToHaveTextAsync("Enter the town or city.");
        await Assertions.Expect(Page.GetByLabel("Full name")).ToHaveClassAsync(new Regex("input-validation-error"));
        posts.Should().Be(0, "the browser stopped the form before it was sent");

        await Page.GetByLabel("Full name").FillAsync("Cli Ent");
        await Assertions.Expect(fullNameMessage).ToBeEmptyAsync();
        await Page.GetByLabel("Postal code").FillAsync("NW1 6XE");
        await Page.GetByLabel("Town or city").FillAsync("London");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add address" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("address")).ToContainTextAsync("1 Client Road");
        posts.Should().Be(1);
        AssertNoConsoleErrors();
    }

    private static async Task RegisterConfirmedAsync(string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Nexus.Modules.Identity.Data.ShopUser>>();
        var user = new Nexus.Modules.Identity.Data.ShopUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        (await users.CreateAsync(user, "Elsewhere-Password-1")).Succeeded.Should().BeTrue();
    }

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync(new Uri(baseAddress, "/account/login").ToString());
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("Elsewhere-Password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("account-email")).ToHaveTextAsync(email);
    }

    [GeneratedRegex("/account/login")]
    private static partial Regex LoginPage();
}
