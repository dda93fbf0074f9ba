using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.IntegrationTests.Identity;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Customers;

/// <summary>
/// One account area: every account page — Identity's, Customers', the host's overview and sub-app page — carries the
/// same tab bar with its own tab marked current, and the overview greets the customer and shows their recent orders
/// and licences.
/// </summary>
internal sealed class AccountAreaTests
{
    private static readonly string[] AllTabs = ["overview", "orders", "licensing", "wishlist", "addresses", "profile", "notifications", "security"];

    private NexusHostFactory host = null!;
    private HttpClient signedIn = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = new NexusHostFactory().WithTestAuthentication();
        // A real account signed in with the cookie: Identity's pages (Security, Two-factor) need the user to exist.
        await IdentityTestUsers.CreateAsync(host, "area-tabs@example.com", NexusRoles.Customer);
        signedIn = host.CreateClient(new() { AllowAutoRedirect = false });
        (await IdentityPages.SignInAsync(signedIn, "area-tabs@example.com")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        signedIn.Dispose();
        host.Dispose();
    }

    [TestCase("/account", "overview")]
    [TestCase("/account/licensing", "licensing")]
    [TestCase("/account/wishlist", "wishlist")]
    [TestCase("/account/addresses", "addresses")]
    [TestCase("/account/profile", "profile")]
    [TestCase("/account/notifications", "notifications")]
    [TestCase("/account/security", "security")]
    [TestCase("/account/two-factor", "security")]
    [TestCase("/account/delete", "security")]
    public async Task Every_account_page_has_the_one_tab_bar_with_its_tab_current(string path, string current)
    {
        var document = await PageAsync(signedIn, path);

        AssertTabBar(document, current);
    }

    [Test]
    public async Task An_address_being_edited_is_under_the_addresses_tab()
    {
        using var client = host.CreateClientAs("area-edit", NexusRoles.Customer);
        (await client.PostFormAsync("/account/addresses", new Dictionary<string, string>
        {
            ["Input.FullName"] = "Edie Edit", ["Input.Line1"] = "3 Tab Street", ["Input.City"] = "Leeds", ["Input.PostalCode"] = "LS1 1AA", ["Input.CountryCode"] = "GB",
        })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var list = await PageAsync(client, "/account/addresses");
        var edit = list.QuerySelectorAll("a[href^='/account/addresses/']").Select(a => a.GetAttribute("href")!).First();

        AssertTabBar(await PageAsync(client, edit), "addresses");
    }

    [Test]
    public async Task The_overview_greets_by_the_e_mail_address_until_the_profile_has_a_name_then_by_the_name()
    {
        using var client = host.CreateClientAs("area-greet", NexusRoles.Customer);
        Greeting(await PageAsync(client, "/account")).Should().Be("area-greet@test.nexus");

        await client.PostFormAsync("/account/profile", new Dictionary<string, string> { ["Input.DisplayName"] = "Grace Hopper" });

        var overview = await PageAsync(client, "/account");
        Greeting(overview).Should().Be("Grace Hopper");
        overview.QuerySelector("h1")!.TextContent.Should().Be("Hello, Grace Hopper");
        overview.QuerySelectorAll(".section-list a[href='/account/profile']").Should().BeEmpty("the overview no longer is a list of links");
    }

    [Test]
    public async Task The_overview_shows_no_orders_yet_with_a_way_to_the_shop()
    {
        using var client = host.CreateClientAs("area-orders", NexusRoles.Customer);

        var orders = (await PageAsync(client, "/account")).QuerySelector("[data-testid=recent-orders]")!;

        orders.QuerySelector("h2")!.TextContent.Should().Be("Recent orders");
        orders.QuerySelector("[data-testid=no-orders]")!.TextContent.Should().Contain("No orders yet");
        orders.QuerySelector("[data-testid=no-orders] a")!.GetAttribute("href").Should().Be("/");
    }

    [Test]
    public async Task The_overview_shows_the_customers_own_newest_licences_and_no_key_strings()
    {
        using var client = host.CreateClientAs("area-keys", NexusRoles.Customer);
        (await PageAsync(client, "/account")).QuerySelector("[data-testid=recent-licenses]")!.TextContent.Should().Contain("No licence keys yet");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await mediator.Send(new IssueLicenseKeys(Guid.NewGuid(), "area-keys", [new LicensedOrderLine(Guid.NewGuid(), "Photo Studio Pro", 1)]));
            await mediator.Send(new IssueLicenseKeys(Guid.NewGuid(), "area-keys", [new LicensedOrderLine(Guid.NewGuid(), "Sound Forge Lite", 1)]));
            await mediator.Send(new IssueLicenseKeys(Guid.NewGuid(), "someone-else", [new LicensedOrderLine(Guid.NewGuid(), "Not Yours Suite", 1)]));
        }

        var licenses = (await PageAsync(client, "/account")).QuerySelector("[data-testid=recent-licenses]")!;

        var lines = licenses.QuerySelectorAll("[data-testid=recent-license] a").ToList();
        lines.Select(a => a.TextContent).Should().Equal("Sound Forge Lite", "Photo Studio Pro");
        lines.Should().AllSatisfy(a => a.GetAttribute("href").Should().StartWith("/account/licensing/keys/"));
        licenses.TextContent.Should().NotContain("Not Yours Suite");
    }

    private static void AssertTabBar(IDocument document, string current)
    {
        var bars = document.QuerySelectorAll("nav[data-testid=account-tabs]");
        bars.Should().HaveCount(1, "one tab bar per page");
        var links = bars[0].QuerySelectorAll("a").ToList();
        links.Select(a => a.GetAttribute("data-testid")!["tab-".Length..]).Should().Equal(AllTabs);
        bars[0].GetAttribute("aria-label").Should().Be("My account");
        links.Where(a => a.GetAttribute("aria-current") == "page").Select(a => a.GetAttribute("data-testid")).Should().Equal($"tab-{current}");
    }

    private static string Greeting(IDocument document) => document.QuerySelector("[data-testid=account-greeting]")!.TextContent;

    private static async Task<IDocument> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK, path);
        return await new HtmlParser().ParseDocumentAsync(await response.Content.ReadAsStringAsync());
    }
}
