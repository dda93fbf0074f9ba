using System.Net;
using Nexus.Modules.Promotions.Contracts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Promotions;

/// <summary>
/// The back office's coupon pages on a real host: Admin creates, edits, deactivates and deletes; Support reads only;
/// bad and hostile input gets an inline error or a 404, never a 5xx, and changes nothing.
/// </summary>
internal sealed class CouponAdminTests
{
    private static readonly Dictionary<string, string> NoFields = [];

    private NexusHostFactory host = null!;
    private HttpClient admin = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory().WithTestAuthentication();
        admin = host.CreateClientAs("admin-1", NexusRoles.Admin);
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        admin.Dispose();
        host.Dispose();
    }

    private static Dictionary<string, string> Form(string code, Action<Dictionary<string, string>>? change = null)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Code"] = code,
            ["Input.Description"] = "Spring sale",
            ["Input.Kind"] = "Percent",
            ["Input.PercentOff"] = "20",
            ["Input.AmountOff"] = string.Empty,
            ["Input.MinimumSubtotal"] = "25.00",
            ["Input.StartsAt"] = string.Empty,
            ["Input.EndsAt"] = string.Empty,
            ["Input.PerCustomerLimit"] = "1",
            ["Input.UsageCap"] = "100",
            ["Input.Active"] = "true",
        };
        change?.Invoke(form);
        return form;
    }

    [Test]
    public async Task An_admin_creates_edits_and_retires_a_coupon_that_shoppers_then_get()
    {
        var created = await admin.PostFormAsync("/admin/coupons/new", Form("spring20"));
        created.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = created.Headers.Location!.OriginalString;
        location.Should().MatchRegex("^/admin/coupons/[0-9a-f-]{36}$");

        (await host.SendAsync(new EvaluateCoupon("SPRING20", null, 10_000, "USD"))).Should().Be(new CouponEvaluation(true, "SPRING20", 2000, "SPRING20: 20% off (−$20.00)."));
        var list = await admin.GetStringAsync("/admin/coupons?q=spring");
        list.Should().Contain("SPRING20").And.Contain("0 / 100");

        var edited = await admin.PostFormAsync(location, Form("SPRING20", f => { f["Input.Kind"] = "FixedAmount"; f["Input.AmountOff"] = "7.50"; }));
        edited.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await host.SendAsync(new EvaluateCoupon("SPRING20", null, 10_000, "USD"))).DiscountMinor.Should().Be(750);

        // Used once: it can no longer be deleted, only deactivated.
        (await host.SendAsync(new RedeemCoupon("SPRING20", "admin-order-1", "customer-1", 10_000, "USD"))).Applies.Should().BeTrue();
        (await admin.GetStringAsync("/admin/coupons?q=SPRING")).Should().Contain("1 / 100");
        var delete = await admin.PostFormAsync(location, NoFields, handler: "Delete");
        delete.StatusCode.Should().Be(HttpStatusCode.OK);
        (await delete.Content.ReadAsStringAsync()).Should().Contain("cannot be deleted; deactivate it instead");
        (await admin.PostFormAsync(location, NoFields, handler: "Deactivate")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await host.SendAsync(new EvaluateCoupon("SPRING20", null, 10_000, "USD"))).Message.Should().Be("The code SPRING20 is no longer active.");

        // A coupon never used can be deleted.
        var unused = (await admin.PostFormAsync("/admin/coupons/new", Form("UNUSED-1"))).Headers.Location!.OriginalString;
        (await admin.PostFormAsync(unused, NoFields, handler: "Delete")).Headers.Location!.OriginalString.Should().Be("/admin/coupons");
        (await admin.GetAsync(unused)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Bad_input_is_shown_next_to_its_field_and_saves_nothing()
    {
        await Expect(Form("OK-CODE", f => f["Input.PercentOff"] = "150"), "A percentage off is a whole number from 1 to 100.");
        await Expect(Form("OK-CODE", f => { f["Input.StartsAt"] = "2027-03-10T10:00"; f["Input.EndsAt"] = "2027-03-01T10:00"; }), "The end must be after the start.");
        await Expect(Form("x"), "A code is 3");
        await Expect(Form("<script>alert(1)</script>"), "A code is 3");
        await Expect(Form("OK-CODE", f => { f["Input.Kind"] = "FixedAmount"; f["Input.AmountOff"] = string.Empty; }), "An amount off is from 0.01 to 999,999.99.");
        await Expect(Form("OK-CODE", f => { f["Input.Kind"] = "FixedAmount"; f["Input.AmountOff"] = "5.555"; }), "Use at most two decimals");
        await Expect(Form("OK-CODE", f => { f["Input.Kind"] = "FixedAmount"; f["Input.AmountOff"] = "1e40"; }), "field-validation-error");
        await Expect(Form("OK-CODE", f => f["Input.Kind"] = "99"), "data-valmsg-for=\"Input.Kind\" data-valmsg-replace=\"true\">The value &#x27;99&#x27; is invalid.");
        await Expect(Form("OK-CODE", f => f["Input.UsageCap"] = "-3"), "A total cap is from 1");
        await Expect(Form("OK-CODE", f => f["Input.PerCustomerLimit"] = "99999999999999"), "field-validation-error");
        await Expect(Form("OK-CODE", f => f["Input.Description"] = new string('d', 201)), "200 characters or fewer");
        (await admin.GetStringAsync("/admin/coupons?q=OK-CODE")).Should().Contain("No coupons match this search");

        await admin.PostFormAsync("/admin/coupons/new", Form("TAKEN-1"));
        await Expect(Form("taken-1"), "Another coupon already has this code.");

        async Task Expect(Dictionary<string, string> form, string message)
        {
            var response = await admin.PostFormAsync("/admin/coupons/new", form);
            response.StatusCode.Should().Be(HttpStatusCode.OK, message);
            var html = await response.Content.ReadAsStringAsync();
            html.Should().Contain(message);
            html.Should().NotContain("<script>alert(1)</script>");
        }
    }

    [Test]
    public async Task Hostile_addresses_and_posts_get_404s_never_5xx()
    {
        foreach (var path in new[] { "/admin/coupons/not-a-guid", $"/admin/coupons/{Guid.NewGuid()}", "/admin/coupons/%27%3B--", "/admin/coupons?page=-5&q=%00%27", "/admin/coupons?page=99999999999" })
        {
            var response = await admin.GetAsync(path);
            ((int)response.StatusCode).Should().BeLessThan(500, path);
        }

        (await admin.GetAsync($"/admin/coupons/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var page = await admin.GetStringAsync("/admin/coupons/new");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FormPoster.TokenOf(page) });
        (await admin.PostAsync($"/admin/coupons/{Guid.NewGuid()}?handler=Deactivate", content)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var noToken = new FormUrlEncodedContent(Form("NO-TOKEN"));
        ((int)(await admin.PostAsync("/admin/coupons/new", noToken)).StatusCode).Should().Be(400, "antiforgery refuses a post without its token");
    }

    [Test]
    public async Task Support_reads_customers_and_visitors_are_refused()
    {
        var coupon = (await admin.PostFormAsync("/admin/coupons/new", Form("SUPPORT-1"))).Headers.Location!.OriginalString;
        using var support = host.CreateClientAs("support-1", NexusRoles.Support);
        (await support.GetAsync("/admin/coupons")).StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await support.GetStringAsync(coupon);
        html.Should().Contain("Support staff can look but not change coupons.").And.NotContain("data-testid=\"save-coupon\"");
        (await support.PostFormAsync(coupon, Form("SUPPORT-2"))).Headers.Location?.ToString().Should().Contain("/status/403");
        (await support.PostFormAsync(coupon, NoFields, handler: "Deactivate")).Headers.Location?.ToString().Should().Contain("/status/403");
        (await support.PostFormAsync(coupon, NoFields, handler: "Delete")).Headers.Location?.ToString().Should().Contain("/status/403");
        (await host.SendAsync(new EvaluateCoupon("SUPPORT-1", null, 10_000, "USD"))).Applies.Should().BeTrue();

        using var customer = host.CreateClientAs("customer-1", NexusRoles.Customer);
        var refused = await customer.GetAsync("/admin/coupons");
        (refused.StatusCode == HttpStatusCode.Forbidden || refused.Headers.Location?.ToString().Contains("/status/403", StringComparison.Ordinal) == true).Should().BeTrue();
        using var visitor = host.CreateClient(new() { AllowAutoRedirect = false });
        ((int)(await visitor.GetAsync(coupon)).StatusCode).Should().BeOneOf(302, 401);
    }
}
