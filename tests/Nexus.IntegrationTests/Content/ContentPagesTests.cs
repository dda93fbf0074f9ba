using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Content;

/// <summary>
/// The footer's pages: public at /pages/{slug} with default texts from the first migration, edited by admins only at
/// /admin/content (antiforgery, inline validation), Markdown rendered with raw HTML shown as text.
/// </summary>
internal sealed class ContentPagesTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory().WithTestAuthentication();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [TestCase("contact", "Contact us")]
    [TestCase("shipping-returns", "Shipping and returns")]
    [TestCase("privacy", "Privacy")]
    public async Task Every_footer_page_exists_from_the_start_with_its_default_text(string slug, string title)
    {
        using var client = host.CreateClient();
        using var response = await client.GetAsync($"/pages/{slug}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        document.QuerySelector("[data-testid=content-page] h1")!.TextContent.Should().Be(title);
        document.QuerySelectorAll("[data-testid=content-page] p").Should().HaveCountGreaterThan(1);
        document.Title.Should().StartWith(title + " · ");
        document.QuerySelector("link[rel=canonical]")!.GetAttribute("href").Should().Be($"http://localhost/pages/{slug}");
    }

    [Test]
    public async Task An_unknown_page_is_a_404()
    {
        using var client = host.CreateClient();
        (await client.GetAsync("/pages/no-such-page")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.GetAsync("/pages/" + new string('a', 300))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_admin_edits_a_page_and_markdown_renders_while_raw_html_is_shown_as_text()
    {
        // A host of its own: the other tests read the default texts.
        using var own = new NexusHostFactory().WithTestAuthentication();
        using var admin = own.CreateClientAs("content-admin", NexusRoles.Admin);
        using var saved = await admin.PostFormAsync("/admin/content/shipping-returns", new Dictionary<string, string>
        {
            ["Input.Title"] = "Delivery & returns",
            ["Input.BodyMarkdown"] = "We ship **fast**.\r\n\r\n<script>alert('x')</script>\r\n\r\n<img src=x onerror=alert(1)>",
        });
        saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.Should().Be("/admin/content");

        using var visitor = own.CreateClient();
        var html = await visitor.GetStringAsync("/pages/shipping-returns");
        var page = new HtmlParser().ParseDocument(html).QuerySelector("[data-testid=content-page]")!;
        page.QuerySelector("h1")!.TextContent.Should().Be("Delivery & returns");
        page.QuerySelector("strong")!.TextContent.Should().Be("fast");
        page.QuerySelectorAll("script, img").Should().BeEmpty("raw HTML in the text is never rendered");
        page.TextContent.Should().Contain("<script>alert('x')</script>");

        var list = await admin.GetStringAsync("/admin/content");
        list.Should().Contain("Delivery &amp; returns");
    }

    [Test]
    public async Task Invalid_input_comes_back_inline_with_what_was_typed_and_saves_nothing()
    {
        using var admin = host.CreateClientAs("content-admin", NexusRoles.Admin);
        using var response = await admin.PostFormAsync("/admin/content/contact", new Dictionary<string, string>
        {
            ["Input.Title"] = "   ",
            ["Input.BodyMarkdown"] = new string('x', 20_001),
        });
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
        document.QuerySelector("[data-valmsg-for='Input.Title']")!.TextContent.Should().Be("Give the page a title.");
        document.QuerySelector("[data-valmsg-for='Input.BodyMarkdown']")!.TextContent.Should().Contain("Keep the text to 20,000 characters");
        document.QuerySelector("textarea")!.TextContent.Trim().Should().HaveLength(20_001);

        using var visitor = host.CreateClient();
        (await visitor.GetStringAsync("/pages/contact")).Should().Contain("<h1>Contact us</h1>");
    }

    [Test]
    public async Task Only_admins_may_edit_and_a_post_without_the_antiforgery_token_is_refused()
    {
        using var support = host.CreateClientAs("content-support", NexusRoles.Support);
        // Refused pages answer with the friendly 403 page (a redirect to it).
        (await support.GetAsync("/admin/content")).Headers.Location!.OriginalString.Should().Contain("/status/403");
        (await support.GetAsync("/admin/content/privacy")).Headers.Location!.OriginalString.Should().Contain("/status/403");
        using var customer = host.CreateClientAs("content-customer", NexusRoles.Customer);
        (await customer.GetAsync("/admin/content/privacy")).Headers.Location!.OriginalString.Should().Contain("/status/403");

        using var anonymous = host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await anonymous.GetAsync("/admin/content/privacy");
        signIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signIn.Headers.Location!.OriginalString.Should().Contain("/account/login");

        using var admin = host.CreateClientAs("content-admin", NexusRoles.Admin);
        using var forged = await admin.PostAsync("/admin/content/privacy", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Title"] = "Hijacked",
            ["Input.BodyMarkdown"] = "Hijacked",
        }));
        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await host.CreateClient().GetStringAsync("/pages/privacy")).Should().NotContain("Hijacked");
    }
}
