using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Ordering;

/// <summary>
/// Issue 16, the order actions on the real host (SQLite): an Admin ships, delivers, refunds and cancels from the order's
/// back-office page; Support may note and resend but is refused the rest whatever it posts; refunds stay pending until
/// the provider confirms, and a refunded digital line's key is revoked in Licensing; a cancelled order's stock comes back.
/// </summary>
internal sealed class OrderManagementTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = OrderingShop.Host();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task An_admin_ships_an_order_with_a_tracking_number_and_marks_it_delivered()
    {
        var number = await BuyAsync("OM-SHIP", quantity: 2);
        using var admin = host.CreateClientAs("admin-orders", NexusRoles.Admin);
        var page = await admin.GetStringAsync($"/admin/orders/{number}");
        page.Should().Contain("Record shipment").And.Contain("Mark processing").And.Contain("Refund");

        (await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["carrier"] = "ups", ["trackingNumber"] = "1Z999AA1" }, handler: "Ship")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var order = await OrderAsync(number);
        order.Status.Should().Be(OrderStatus.Shipped);
        order.Shipments.Should().ContainSingle().Which.TrackingUrl.Should().Be("https://www.ups.com/track?tracknum=1Z999AA1");
        order.History.Select(h => h.To).Should().Contain([OrderStatus.Paid, OrderStatus.Processing, OrderStatus.Shipped], "a paid order passes through Processing on its way to Shipped");
        var outbox = await OutboxAsync(order);
        outbox.Should().Contain("ordering.order-shipped").And.Contain("ordering.order-status-changed").And.Contain("identity.staff-action-recorded");
        (await admin.GetStringAsync($"/admin/orders/{number}")).Should().Contain("The order has shipped.").And.Contain("https://www.ups.com/track?tracknum=1Z999AA1").And.Contain("Mark delivered");

        // Shipping again, or cancelling now, is refused with a sentence.
        using var again = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["carrier"] = "ups", ["trackingNumber"] = "X2" }, handler: "Ship");
        (await admin.GetStringAsync($"/admin/orders/{number}")).Should().Contain("Everything in this order has shipped already.");
        using var cancel = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["reason"] = "late" }, handler: "Cancel");
        (await admin.GetStringAsync($"/admin/orders/{number}")).Should().Contain("An order that has shipped cannot be cancelled.");

        using var delivered = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string>(), handler: "Delivered");
        (await OrderAsync(number)).Status.Should().Be(OrderStatus.Delivered);
        await Eventually.TrueAsync(async () => await EmailCountAsync(number) >= 3, TimeSpan.FromSeconds(20), "placed/paid, shipped and delivered e-mails were queued");
    }

    [Test]
    public async Task A_partial_shipment_keeps_the_order_processing_until_the_rest_ships()
    {
        var number = await BuyAsync("OM-PART", quantity: 3);
        var line = (await OrderAsync(number)).Lines.Single();
        using var admin = host.CreateClientAs("admin-orders", NexusRoles.Admin);

        using var first = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["carrier"] = "dhl", ["trackingNumber"] = "P1", [$"ship[{line.Id}]"] = "1" }, handler: "Ship");
        (await OrderAsync(number)).Status.Should().Be(OrderStatus.Processing);
        using var tooMany = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["carrier"] = "dhl", ["trackingNumber"] = "P2", [$"ship[{line.Id}]"] = "5" }, handler: "Ship");
        (await admin.GetStringAsync($"/admin/orders/{number}")).Should().Contain("2 left to ship");
        using var rest = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["carrier"] = "dhl", ["trackingNumber"] = "P3", [$"ship[{line.Id}]"] = "2" }, handler: "Ship");
        var order = await OrderAsync(number);
        order.Status.Should().Be(OrderStatus.Shipped);
        order.Shipments.Should().HaveCount(2);
    }

    [Test]
    public async Task Support_may_note_and_resend_but_is_refused_refunds_cancellations_and_shipping()
    {
        var number = await BuyAsync("OM-SUPPORT");
        using var support = host.CreateClientAs("support-orders", NexusRoles.Support);
        var page = await support.GetStringAsync($"/admin/orders/{number}");
        page.Should().Contain("Add note").And.NotContain("Record shipment").And.NotContain("data-testid=\"refund-form\"").And.NotContain("data-testid=\"cancel-order\"").And.NotContain("Mark processing");

        using (var note = await support.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["text"] = "Customer called about the colour" }, handler: "Note"))
        {
            note.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        using (var resend = await support.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string>(), handler: "Resend"))
        {
            resend.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        (await support.GetStringAsync($"/admin/orders/{number}")).Should().Contain("Customer called about the colour").And.Contain("e-mail was sent again");

        foreach (var (handler, fields) in new[]
        {
            ("Refund", new Dictionary<string, string> { ["amount"] = "1.00", ["reason"] = "x" }),
            ("Cancel", new Dictionary<string, string> { ["reason"] = "x" }),
            ("Ship", new Dictionary<string, string> { ["carrier"] = "ups", ["trackingNumber"] = "T" }),
            ("Processing", new Dictionary<string, string>()),
            ("Delivered", new Dictionary<string, string>()),
        })
        {
            using var refused = await support.PostFormAsync($"/admin/orders/{number}", fields, handler: handler);
            refused.StatusCode.Should().BeOneOf([HttpStatusCode.Forbidden, HttpStatusCode.Redirect], handler);
            if (refused.StatusCode == HttpStatusCode.Redirect)
            {
                refused.Headers.Location!.ToString().Should().Contain("/status/403", handler);
            }
        }

        var order = await OrderAsync(number);
        order.Status.Should().Be(OrderStatus.Paid, "nothing Support posted changed the order");
        order.Refunds.Should().BeEmpty();
        order.Notes.Should().ContainSingle().Which.Author.Should().NotBeNullOrEmpty();

        using var customer = host.CreateClientAs("customer-nosy", NexusRoles.Customer);
        (await customer.GetAsync($"/admin/orders/{number}")).StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_partial_refund_of_one_line_is_pending_until_the_provider_confirms_then_the_order_is_partly_refunded()
    {
        var lamp = await host.ProductAsync("OM-REF-LAMP", 5, 2500);
        var mug = await host.ProductAsync("OM-REF-MUG", 5, 900);
        using var customer = host.CreateClientAs("customer-refund", NexusRoles.Customer);
        await customer.AddToCartAsync(lamp);
        using var placed = await customer.BuyAsync(mug);
        var number = OrderingShop.NumberIn(placed.Location());
        var order = await OrderAsync(number);
        var mugLine = order.Lines.Single(l => l.Sku.StartsWith("OM-REF-MUG", StringComparison.Ordinal));
        using var admin = host.CreateClientAs("admin-orders", NexusRoles.Admin);

        using var refund = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { [$"refund[{mugLine.Id}]"] = "1", ["reason"] = "Arrived chipped" }, handler: "Refund");
        refund.StatusCode.Should().Be(HttpStatusCode.Redirect);

        await Eventually.TrueAsync(async () => (await OrderAsync(number)).Refunds.SingleOrDefault()?.Status == OrderRefundStatus.Succeeded, TimeSpan.FromSeconds(20), "Payments' RefundSucceeded settled the order's refund");
        order = await OrderAsync(number);
        order.Status.Should().Be(OrderStatus.Paid, "the lamp is still to ship: a partial refund keeps the order shippable");
        order.RefundedMinor.Should().Be(900);
        order.Refunds.Single().Lines.Should().ContainSingle().Which.LineId.Should().Be(mugLine.Id);
        (await OutboxAsync(order)).Should().Contain("ordering.refund-issued");
        (await admin.GetStringAsync($"/admin/orders/{number}")).Should().Contain("Arrived chipped").And.Contain("Refunded 20");

        // More than what is left is refused, and so is a refund without a reason.
        using var tooMuch = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["amount"] = "999.00", ["reason"] = "all" }, handler: "Refund");
        (await admin.GetStringAsync($"/admin/orders/{number}")).Should().Contain("That is more than is left to refund");
        using var noReason = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["amount"] = "1.00", ["reason"] = " " }, handler: "Refund");
        (await admin.GetStringAsync($"/admin/orders/{number}")).Should().Contain("Give a reason for the refund.");
        using var nonsense = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["amount"] = "-3,5e9", ["reason"] = "x", ["refund[not-a-guid]"] = "x" }, handler: "Refund");
        nonsense.StatusCode.Should().Be(HttpStatusCode.Redirect, "bad input is an answer, never a server error");
        (await OrderAsync(number)).Refunds.Should().ContainSingle();
    }

    [Test]
    public async Task A_refund_whose_confirmation_never_comes_stays_visible_as_pending()
    {
        var number = await BuyAsync("OM-PENDING");
        // Recorded on the order but never sent to Payments: as if the shop died right after the first step.
        var step = await host.SendAsync(new RequestOrderRefund(number, 500, "Goodwill", [], new OrderActor("admin-orders", "admin@example.com", true)));
        step!.Result.Done.Should().BeTrue();

        using var admin = host.CreateClientAs("admin-orders", NexusRoles.Admin);
        var page = await admin.GetStringAsync($"/admin/orders/{number}");
        page.Should().Contain("waiting for the provider&#x27;s confirmation").And.Contain("pending)");
        var order = await OrderAsync(number);
        order.Status.Should().Be(OrderStatus.Paid);
        order.RefundableMinor.Should().Be(order.PaidMinor - 500);
    }

    [Test]
    public async Task An_admin_cancels_a_paid_order_its_stock_comes_back_and_the_payment_is_refunded()
    {
        var variant = await host.ProductAsync("OM-CANCEL", 5, 1500);
        using var customer = host.CreateClientAs("customer-cancel", NexusRoles.Customer);
        using var placed = await customer.BuyAsync(variant, quantity: 2);
        var number = OrderingShop.NumberIn(placed.Location());
        (await host.StockAsync(variant)).Should().Be(3);
        using var admin = host.CreateClientAs("admin-orders", NexusRoles.Admin);

        using var cancel = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["reason"] = "Out of stock at the warehouse" }, handler: "Cancel");
        cancel.StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await host.StockAsync(variant)).Should().Be(5, "the sold units went back on sale");
        await Eventually.TrueAsync(async () => (await OrderAsync(number)).Refunds.SingleOrDefault()?.Status == OrderRefundStatus.Succeeded, TimeSpan.FromSeconds(20), "the payment was refunded");
        var order = await OrderAsync(number);
        order.Status.Should().Be(OrderStatus.Cancelled);
        order.RefundedMinor.Should().Be(order.TotalMinor);
        order.ReleasedAt.Should().NotBeNull();
        (await OutboxAsync(order)).Should().Contain("ordering.order-cancelled");
    }

    [Test]
    public async Task A_customer_cancels_only_their_own_unshipped_order()
    {
        var variant = await host.ProductAsync("OM-SELF", 4, 1500);
        using var customer = host.CreateClientAs("customer-self", NexusRoles.Customer);
        using var placed = await customer.BuyAsync(variant);
        var number = OrderingShop.NumberIn(placed.Location());

        var stranger = await host.SendAsync(new CancelOrder(number, "mine now", new OrderActor("customer-other", "other@example.com", false)));
        stranger.Should().BeNull("another customer's order is no such order");
        (await OrderAsync(number)).Status.Should().Be(OrderStatus.Paid);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<OrderManagement>().CancelAsync(number, "Changed my mind", new OrderActor("customer-self", "ada@example.com", false), CancellationToken.None);
            result!.Done.Should().BeTrue(result.Message);
        }

        (await OrderAsync(number)).Status.Should().Be(OrderStatus.Cancelled);
        (await host.StockAsync(variant)).Should().Be(4);
        (await OutboxAsync(await OrderAsync(number))).Should().NotContain("identity.staff-action-recorded", "a customer's own action is not a staff action");
    }

    [Test]
    public async Task Refunding_a_digital_line_revokes_its_licence_key()
    {
        var software = await host.ProductAsync("OM-APP", 0, 4900, digital: true);
        using var customer = host.CreateClientAs("customer-licence", NexusRoles.Customer);
        using var placed = await customer.BuyAsync(software);
        var number = OrderingShop.NumberIn(placed.Location());
        var order = await OrderAsync(number);
        await Eventually.TrueAsync(async () => await LicensingAsync(db => db.Keys.AnyAsync(k => k.OrderId == order.Id)), TimeSpan.FromSeconds(20), "the key was issued");
        using var admin = host.CreateClientAs("admin-orders", NexusRoles.Admin);

        using var refund = await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { [$"refund[{order.Lines.Single().Id}]"] = "1", ["reason"] = "Does not run on my OS" }, handler: "Refund");

        await Eventually.TrueAsync(async () => await LicensingAsync(db => db.Keys.AnyAsync(k => k.OrderId == order.Id && k.RevokedAt != null)), TimeSpan.FromSeconds(20), "RefundIssued reached Licensing, which revoked the key");
        // The line's price went back; the tax on it was not part of this refund, so the order is partly refunded.
        (await OrderAsync(number)).Status.Should().Be(OrderStatus.PartiallyRefunded);
    }

    [Test]
    public async Task The_customer_sees_the_shipment_with_its_tracking_link_and_the_refund_on_their_order_page()
    {
        var number = await BuyAsync("OM-SEE");
        using var admin = host.CreateClientAs("admin-orders", NexusRoles.Admin);
        using var customer = host.CreateClientAs("customer-om-see", NexusRoles.Customer);
        (await customer.GetStringAsync($"/account/orders/{number}")).Should().Contain("Cancel this order");

        using (await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["carrier"] = "fedex", ["trackingNumber"] = "FX123" }, handler: "Ship"))
        {
        }

        using (await admin.PostFormAsync($"/admin/orders/{number}", new Dictionary<string, string> { ["amount"] = "2.50", ["reason"] = "Late delivery" }, handler: "Refund"))
        {
        }

        await Eventually.TrueAsync(async () => (await OrderAsync(number)).Refunds.Single().Status == OrderRefundStatus.Succeeded, TimeSpan.FromSeconds(20), "the refund was confirmed");
        var page = await customer.GetStringAsync($"/account/orders/{number}");
        page.Should().Contain("https://www.fedex.com/fedextrack/?trknbr=FX123").And.Contain("FedEx").And.Contain("$2.50").And.Contain("Late delivery").And.Contain("refunded to your card");
        page.Should().NotContain("Cancel this order", "a shipped order cannot be cancelled");

        using var stranger = host.CreateClientAs("customer-stranger", NexusRoles.Customer);
        (await stranger.GetAsync($"/account/orders/{number}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task A_customer_cancels_an_unshipped_order_from_its_page_and_nobody_else_can()
    {
        var variant = await host.ProductAsync("OM-SELFPAGE", 3, 1500);
        using var customer = host.CreateClientAs("customer-selfpage", NexusRoles.Customer);
        using var placed = await customer.BuyAsync(variant);
        var number = OrderingShop.NumberIn(placed.Location());
        (await host.StockAsync(variant)).Should().Be(2);

        // Another customer posts the cancel form with this order's number (a token from their own account's page).
        using var stranger = host.CreateClientAs("customer-stranger-2", NexusRoles.Customer);
        var token = FormPoster.TokenOf(await stranger.GetStringAsync("/account/orders"));
        using (var tampered = await stranger.PostAsync($"/account/orders/{number}?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })))
        {
            tampered.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        }

        (await OrderAsync(number)).Status.Should().Be(OrderStatus.Paid);

        using var cancel = await customer.PostFormAsync($"/account/orders/{number}", new Dictionary<string, string>(), handler: "Cancel");
        cancel.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await customer.GetStringAsync($"/account/orders/{number}")).Should().Contain("The order is cancelled");
        (await OrderAsync(number)).Status.Should().Be(OrderStatus.Cancelled);
        (await host.StockAsync(variant)).Should().Be(3, "its stock came back");
    }

    [Test]
    public async Task Unknown_or_malformed_order_numbers_are_not_found()
    {
        using var admin = host.CreateClientAs("admin-orders", NexusRoles.Admin);
        (await admin.GetAsync("/admin/orders/NX-ZZZZZZZZ")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync("/admin/orders/NX-abc")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private Task<string> BuyAsync(string sku, int quantity = 1) => host.PaidOrderAsync(sku, quantity);

    private Task<Order> OrderAsync(string number) => host.ManagedOrderAsync(number);

    /// <summary>The names of Ordering's outbox events about the order (by its id, or its number for the audit entries).</summary>
    private Task<List<string>> OutboxAsync(Order order) =>
        host.OrderingAsync(db => db.Outbox.AsNoTracking().Where(m => m.Payload.Contains(order.Id.ToString()) || m.Payload.Contains(order.Number)).Select(m => m.Name).ToListAsync());

    private async Task<int> EmailCountAsync(string number)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Nexus.Modules.Notifications.Data.NotificationsDbContext>();
        return await db.Emails.AsNoTracking().CountAsync(e => e.Subject.Contains(number));
    }

    private async Task<T> LicensingAsync<T>(Func<LicensingDbContext, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<LicensingDbContext>());
    }
}
