using System.Net;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.IntegrationTests.Live;
using Nexus.IntegrationTests.Ordering;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Live;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Notifications;

/// <summary>
/// The notification centre (issue 17): a shipment, a licence key and an admin's broadcast each land in the right
/// customer's centre — and the bell's unread count —, an open connection is told at once, opening an entry marks it
/// read and follows its link, read state is per user, and a broadcast is for Admin only and refuses a link elsewhere.
/// </summary>
internal sealed class NotificationCentreTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    [Test]
    public async Task A_shipped_order_lands_in_its_customers_centre_and_bell_and_opening_it_marks_it_read_and_leads_to_the_order()
    {
        using var host = OrderingShop.Host();
        var number = await host.PaidOrderAsync("BELL");
        using var customer = host.CreateClientAs("customer-bell", NexusRoles.Customer);
        using var stranger = host.CreateClientAs("customer-stranger", NexusRoles.Customer);
        await using var live = await LiveClient.ConnectAsync(host, o => o.Headers[TestAuthenticationHandler.Header] = "customer-bell;" + NexusRoles.Customer);

        await host.SendAsync(new ShipOrder(number, "ups", "1Z-BELL-1", [], new OrderActor("admin-bell", "admin@example.com", IsStaff: true)));

        await Eventually.TrueAsync(async () => (await customer.GetStringAsync("/account/notifications")).Contains($"Order {number} has shipped", StringComparison.Ordinal), Soon, "the shipment should reach the centre");
        await Eventually.TrueAsync(() => Task.FromResult(live.HeardType(LiveMessageTypes.NotificationCreated)), Soon, "the open page is told to re-read its bell");
        var bell = await customer.GetStringAsync("/account/notifications/bell");
        bell.Should().Contain("data-unread=\"1\"").And.Contain("UPS").And.Contain("1Z-BELL-1");
        (await stranger.GetStringAsync("/account/notifications")).Should().NotContain(number, "another customer's shipment is not theirs");
        (await host.CreateClient().GetStringAsync("/account/notifications/bell")).Should().NotContain("notification-bell", "a visitor has no bell");

        var page = await customer.GetStringAsync("/account/notifications");
        var id = System.Text.RegularExpressions.Regex.Match(page, "handler=Open&amp;id=([0-9a-f-]{36})").Groups[1].Value;
        using var open = await PostAsync(customer, page, $"/account/notifications?handler=Open&id={id}");
        open.StatusCode.Should().Be(HttpStatusCode.Redirect);
        open.Headers.Location!.ToString().Should().Be($"/account/orders/{number}");
        (await customer.GetStringAsync("/account/notifications/bell")).Should().Contain("data-unread=\"0\"");

        // Someone else's entry is not theirs to open: it changes nothing and leads back to their own centre.
        var strangerPage = await stranger.GetStringAsync("/account/notifications");
        using var foreign = await PostAsync(stranger, strangerPage, $"/account/notifications?handler=Open&id={id}");
        foreign.Headers.Location!.ToString().Should().Be("/account/notifications");
    }

    [Test]
    public async Task Keys_issued_for_a_paid_digital_order_are_announced_in_the_customers_centre()
    {
        using var host = OrderingShop.Host();
        await host.SendAsync(new IssueLicenseKeys(Guid.CreateVersion7(), "customer-keys", [new LicensedOrderLine(Guid.CreateVersion7(), "Map Maker", 2)]));
        using var customer = host.CreateClientAs("customer-keys", NexusRoles.Customer);

        await Eventually.TrueAsync(async () => (await customer.GetStringAsync("/account/notifications")).Contains("Your 2 licence keys are ready", StringComparison.Ordinal), Soon, "the keys should be announced");
        (await customer.GetStringAsync("/account/notifications")).Should().Contain("For Map Maker.");
    }

    [Test]
    public async Task An_admins_broadcast_reaches_every_customer_read_state_is_their_own_and_support_cannot_send_one()
    {
        using var host = OrderingShop.Host();
        using var admin = host.CreateClientAs("admin-broadcast", NexusRoles.Admin);
        using var support = host.CreateClientAs("support-broadcast", NexusRoles.Support);
        using var ada = host.CreateClientAs("customer-ada", NexusRoles.Customer);
        using var bob = host.CreateClientAs("customer-bob", NexusRoles.Customer);
        await using var anonymous = await LiveClient.ConnectAsync(host);

        using (var refused = await support.GetAsync("/admin/notifications"))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
            refused.Headers.Location!.ToString().Should().Contain("/status/403", "Support reads the back office but does not broadcast");
        }

        using (var elsewhere = await admin.PostFormAsync("/admin/notifications", Fields("Sale", "Everything half price.", "https://evil.example/")))
        {
            elsewhere.StatusCode.Should().Be(HttpStatusCode.OK, "a link elsewhere is refused inline");
            (await elsewhere.Content.ReadAsStringAsync()).Should().Contain("A link is a path in this shop").And.Contain("Everything half price.", "what was typed is kept");
        }

        using (var sent = await admin.PostFormAsync("/admin/notifications", Fields("Winter sale", "Everything half price until Sunday.", "/products")))
        {
            sent.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        await Eventually.TrueAsync(() => Task.FromResult(anonymous.HeardType(LiveMessageTypes.NotificationCreated)), Soon, "open pages are told");
        (await ada.GetStringAsync("/account/notifications")).Should().Contain("Winter sale");
        (await bob.GetStringAsync("/account/notifications/bell")).Should().Contain("data-unread=\"1\"");

        var page = await ada.GetStringAsync("/account/notifications");
        using (var readAll = await PostAsync(ada, page, "/account/notifications?handler=ReadAll"))
        {
            readAll.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        (await ada.GetStringAsync("/account/notifications/bell")).Should().Contain("data-unread=\"0\"");
        (await bob.GetStringAsync("/account/notifications/bell")).Should().Contain("data-unread=\"1\"", "Ada's reading is not Bob's");
        (await admin.GetStringAsync("/admin/notifications")).Should().Contain("Winter sale");
        await Eventually.TrueAsync(async () => (await admin.GetStringAsync("/admin/audit")).Contains("notification.broadcast", StringComparison.Ordinal), Soon, "the broadcast is in the audit log");
    }

    private static Dictionary<string, string> Fields(string title, string body, string link) => new()
    {
        ["Input.Title"] = title,
        ["Input.Body"] = body,
        ["Input.Link"] = link,
    };

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageWithToken, string path)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FormPoster.TokenOf(pageWithToken) });
        return await client.PostAsync(path, content);
    }
}
