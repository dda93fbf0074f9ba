using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Ordering;

/// <summary>
/// Issue 16, the order actions as a JSON API (<c>/api/admin/orders/{number}</c>): the same state machine and roles as
/// the page, answered with status codes a script can act on — 200 with the order, 400 for malformed input, 409 when the
/// order cannot do it now, 403 for Support's refund/cancel/ship, 401 for nobody, and antiforgery on every POST.
/// </summary>
internal sealed class OrderManagementApiTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = OrderingShop.Host();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task An_admin_ships_and_delivers_through_the_api_and_a_refused_step_answers_409_with_the_sentence()
    {
        var number = await BuyAsync("API-SHIP", quantity: 2);
        using var admin = await ApiClientAsync("admin-api", NexusRoles.Admin);

        var order = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders/{number}");
        order.GetProperty("status").GetString().Should().Be("paid");
        Actions(order).Should().BeEquivalentTo(["processing", "ship", "cancel", "refund", "note", "resend-email"]);
        var lineId = order.GetProperty("lines")[0].GetProperty("id").GetGuid();

        using (var partial = await admin.PostAsJsonAsync($"/api/admin/orders/{number}/shipments", new { carrier = "ups", trackingNumber = "1ZAPI1", lines = new[] { new { lineId, quantity = 1 } } }))
        {
            partial.StatusCode.Should().Be(HttpStatusCode.OK, await partial.Content.ReadAsStringAsync());
            var answer = await partial.Content.ReadFromJsonAsync<JsonElement>();
            answer.GetProperty("order").GetProperty("status").GetString().Should().Be("processing");
            answer.GetProperty("order").GetProperty("lines")[0].GetProperty("unshippedQuantity").GetInt32().Should().Be(1);
        }

        using (var rest = await admin.PostAsJsonAsync($"/api/admin/orders/{number}/shipments", new { carrier = "ups", trackingNumber = "1ZAPI2" }))
        {
            rest.StatusCode.Should().Be(HttpStatusCode.OK);
            var shipped = (await rest.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("order");
            shipped.GetProperty("status").GetString().Should().Be("shipped");
            shipped.GetProperty("shipments").GetArrayLength().Should().Be(2);
            shipped.GetProperty("shipments")[1].GetProperty("trackingUrl").GetString().Should().Be("https://www.ups.com/track?tracknum=1ZAPI2");
        }

        using (var cancel = await admin.PostAsJsonAsync($"/api/admin/orders/{number}/cancellation", new { reason = "too late" }))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.Conflict);
            cancel.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var problem = await cancel.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("title").GetString().Should().Be("An order that has shipped cannot be cancelled.");
            problem.GetProperty("orderStatus").GetString().Should().Be("shipped");
        }

        using (var delivered = await admin.PostAsync($"/api/admin/orders/{number}/delivered", null))
        {
            delivered.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var again = await admin.PostAsync($"/api/admin/orders/{number}/delivered", null))
        {
            again.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("This order is marked delivered already.");
        }

        (await host.ManagedOrderAsync(number)).Status.Should().Be(OrderStatus.Delivered);
    }

    [Test]
    public async Task Malformed_input_answers_400_and_changes_nothing()
    {
        var number = await BuyAsync("API-BAD");
        using var admin = await ApiClientAsync("admin-api", NexusRoles.Admin);

        foreach (var (path, body, expected) in new (string, object, string)[]
        {
            ("shipments", new { carrier = "ups", trackingNumber = "HAS SPACES" }, "Enter the tracking number"),
            ("shipments", new { carrier = "pigeon", trackingNumber = "T1" }, "Choose one of the carriers"),
            ("shipments", new { carrier = "ups", trackingNumber = "T1", lines = new[] { new { lineId = Guid.NewGuid(), quantity = 1 } } }, "Only this order's physical lines"),
            ("refunds", new { amountMinor = 100, reason = " " }, "Give a reason"),
            ("refunds", new { reason = "no amount" }, "amountMinor"),
            ("refunds", new { amountMinor = -5, reason = "negative" }, "more than nothing"),
            ("notes", new { text = "" }, "Write something"),
        })
        {
            using var response = await admin.PostAsJsonAsync($"/api/admin/orders/{number}/{path}", body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"{path} {JsonSerializer.Serialize(body)}");
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Contain(expected);
        }

        using (var notJson = await admin.PostAsync($"/api/admin/orders/{number}/refunds", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")))
        {
            notJson.StatusCode.Should().Be(HttpStatusCode.BadRequest, "an unreadable body is the caller's mistake, never a 500");
        }

        using (var tooMuch = await admin.PostAsJsonAsync($"/api/admin/orders/{number}/refunds", new { amountMinor = 99_999_999, reason = "everything" }))
        {
            tooMuch.StatusCode.Should().Be(HttpStatusCode.Conflict, "more than is left is the order's answer, not a malformed request");
        }

        using (var unknown = await admin.PostAsync("/api/admin/orders/NX-ZZZZZZZZ/processing", null))
        {
            unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        var order = await host.ManagedOrderAsync(number);
        order.Status.Should().Be(OrderStatus.Paid);
        order.Refunds.Should().BeEmpty();
        order.Shipments.Should().BeEmpty();
        order.Notes.Should().BeEmpty();
    }

    [Test]
    public async Task An_admin_refunds_a_line_through_the_api_and_it_is_pending_until_the_provider_confirms()
    {
        var number = await BuyAsync("API-REFUND", quantity: 2);
        using var admin = await ApiClientAsync("admin-api", NexusRoles.Admin);
        var order = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders/{number}");
        var line = order.GetProperty("lines")[0];

        using var refund = await admin.PostAsJsonAsync($"/api/admin/orders/{number}/refunds", new { reason = "One arrived broken", lines = new[] { new { lineId = line.GetProperty("id").GetGuid(), quantity = 1 } } });
        refund.StatusCode.Should().Be(HttpStatusCode.OK, await refund.Content.ReadAsStringAsync());

        await Eventually.TrueAsync(async () => (await host.ManagedOrderAsync(number)).Refunds.SingleOrDefault()?.Status == OrderRefundStatus.Succeeded, TimeSpan.FromSeconds(20), "the provider confirmed the refund");
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders/{number}");
        after.GetProperty("refunds")[0].GetProperty("status").GetString().Should().Be("succeeded");
        after.GetProperty("refunds")[0].GetProperty("amountMinor").GetInt64().Should().Be(line.GetProperty("unitPriceMinor").GetInt64());
        after.GetProperty("money").GetProperty("refundedMinor").GetInt64().Should().Be(line.GetProperty("unitPriceMinor").GetInt64());
    }

    [Test]
    public async Task Support_reads_notes_and_resends_but_gets_403_for_every_other_action()
    {
        var number = await BuyAsync("API-SUPPORT");
        using var support = await ApiClientAsync("support-api", NexusRoles.Support);

        var order = await support.GetFromJsonAsync<JsonElement>($"/api/admin/orders/{number}");
        Actions(order).Should().BeEquivalentTo(["note", "resend-email"], "Support is offered only what it may do");

        using (var note = await support.PostAsJsonAsync($"/api/admin/orders/{number}/notes", new { text = "Customer phoned" }))
        {
            note.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using (var resend = await support.PostAsync($"/api/admin/orders/{number}/email", null))
        {
            resend.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        foreach (var (path, body) in new (string, object?)[]
        {
            ("refunds", new { amountMinor = 100, reason = "x" }),
            ("cancellation", new { reason = "x" }),
            ("shipments", new { carrier = "ups", trackingNumber = "T1" }),
            ("processing", null),
            ("delivered", null),
        })
        {
            using var response = await support.PostAsJsonAsync($"/api/admin/orders/{number}/{path}", body);
            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, path);
        }

        var after = await host.ManagedOrderAsync(number);
        after.Status.Should().Be(OrderStatus.Paid);
        after.Refunds.Should().BeEmpty();
        after.Notes.Should().ContainSingle().Which.Text.Should().Be("Customer phoned");
    }

    [Test]
    public async Task Customers_and_strangers_are_refused_and_a_post_without_the_antiforgery_header_changes_nothing()
    {
        var number = await BuyAsync("API-AUTH");

        using var customer = await ApiClientAsync("customer-api-auth", NexusRoles.Customer);
        (await customer.GetAsync($"/api/admin/orders/{number}")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "even the order's own customer uses the account pages, not the back-office API");
        using (var cancel = await customer.PostAsJsonAsync($"/api/admin/orders/{number}/cancellation", new { reason = "x" }))
        {
            cancel.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using var anonymous = host.Guest();
        using (var read = await anonymous.GetAsync($"/api/admin/orders/{number}"))
        {
            read.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "an API answers 401, never a redirect to the sign-in page");
        }

        // A signed-in admin's browser lured into posting from another site carries the cookie but not the header.
        using var admin = host.CreateClientAs("admin-api", NexusRoles.Admin);
        using (var forged = await admin.PostAsJsonAsync($"/api/admin/orders/{number}/cancellation", new { reason = "forged" }))
        {
            forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().Should().Be("https://nexus.dev/problems/antiforgery");
        }

        // A malformed form body in place of the header is a refusal too, never a server error.
        foreach (var (body, type) in new[] { ("--x\r\nbroken", "multipart/form-data; boundary=nope"), ("a=%%%&b", "application/x-www-form-urlencoded"), ("", "multipart/form-data") })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
            using var malformed = await admin.PostAsync($"/api/admin/orders/{number}/processing", content);
            malformed.StatusCode.Should().Be(HttpStatusCode.BadRequest, type);
        }

        (await host.ManagedOrderAsync(number)).Status.Should().Be(OrderStatus.Paid);
    }

    private static string[] Actions(JsonElement order) => [.. order.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()!)];

    /// <summary>A client signed in as <paramref name="userId"/> that sends the antiforgery header from <c>/api/antiforgery</c>.</summary>
    private async Task<HttpClient> ApiClientAsync(string userId, string role)
    {
        var client = host.CreateClientAs(userId, role);
        var token = await client.GetFromJsonAsync<JsonElement>("/api/antiforgery");
        client.DefaultRequestHeaders.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        return client;
    }

    private Task<string> BuyAsync(string sku, int quantity = 1) => host.PaidOrderAsync(sku, quantity);
}
