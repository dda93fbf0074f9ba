using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Domain;
using Nexus.Modules.Payments.Features.Reconciliation;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Payments;

/// <summary>
/// The webhook endpoint and its log, with the stub's own deliveries switched off so each test decides exactly what
/// arrives: refused signatures change nothing, a delivery twice is applied once, out-of-order events are ignored by
/// version, replay from the back office is idempotent; and reconciliation settles a timeout the webhook never settled.
/// </summary>
internal sealed class WebhookTests
{
    private NexusHostFactory host = null!;
    private HttpClient provider = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = PaymentsTestHost.Create(new Dictionary<string, string?> { ["Modules:NexusPay:DeliverWebhooks"] = "false" });
        provider = host.CreateClient();
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        provider.Dispose();
        host.Dispose();
    }

    private async Task<(PaymentDetails Payment, string Intent)> OpenAsync(long amount = 5000)
    {
        var payment = await host.OpenAsync(amount);
        return (payment, await host.IntentIdAsync(payment.PaymentId));
    }

    private static string Event(string type, string intent, PaymentDetails payment, int version, string status, long refunded = 0, string? refundId = null, long refundAmount = 0, string? eventId = null)
    {
        var intentObject = new Dictionary<string, object?>
        {
            ["id"] = intent,
            ["object"] = "payment_intent",
            ["amount"] = payment.Amount,
            ["currency"] = "eur",
            ["status"] = status,
            ["amount_refunded"] = refunded,
            ["reference"] = payment.PaymentId.ToString(),
            ["version"] = version,
            ["card_last4"] = "4242",
            ["created"] = 1,
            ["livemode"] = false,
        };
        if (status == "requires_payment_method")
        {
            intentObject["last_payment_error"] = new { code = "card_declined", decline_code = "generic_decline", message = "Your card was declined." };
        }

        var data = new Dictionary<string, object?> { ["payment_intent"] = intentObject };
        if (refundId is not null)
        {
            data["refund"] = new { id = refundId, @object = "refund", amount = refundAmount, payment_intent = intent, status = "succeeded", created = 1 };
        }

        return JsonSerializer.Serialize(new
        {
            id = eventId ?? "evt_" + Guid.NewGuid().ToString("N")[..24],
            @object = "event",
            type,
            created = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            data,
        });
    }

    private Task<HttpResponseMessage> DeliverAsync(string body, string? signature = null, DateTimeOffset? signedAt = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/payments/webhooks/stub") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("NexusPay-Signature", signature ?? WebhookSignature.Sign(NexusHostFactory.TestWebhookSigningSecret, (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds(), body));
        return provider.SendAsync(request);
    }

    [Test]
    public async Task A_bad_signature_is_refused_with_400_and_changes_nothing()
    {
        var (payment, intent) = await OpenAsync();
        var body = Event("payment_intent.succeeded", intent, payment, 2, "succeeded");

        using var forged = await DeliverAsync(body, WebhookSignature.Sign("whsec_an_attackers_own_secret", DateTimeOffset.UtcNow.ToUnixTimeSeconds(), body));
        using var missing = await DeliverAsync(body, signature: " ");
        using var garbled = await DeliverAsync(body, signature: "t=now,v1=zz");

        forged.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await forged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Webhook signature refused.");
        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        garbled.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await ExpectUnchangedAsync(payment);
        var log = await host.WithPaymentsDbAsync(db => db.WebhookDeliveries.Where(d => d.Body == body).Select(d => d.Verification).ToListAsync());
        log.Should().BeEquivalentTo([WebhookVerification.BadSignature, WebhookVerification.MissingSignature, WebhookVerification.MalformedSignature]);
    }

    [Test]
    public async Task A_stale_or_future_timestamp_is_refused_with_400_and_changes_nothing()
    {
        var (payment, intent) = await OpenAsync();
        var body = Event("payment_intent.succeeded", intent, payment, 2, "succeeded");

        using var stale = await DeliverAsync(body, signedAt: DateTimeOffset.UtcNow.AddMinutes(-6));
        using var future = await DeliverAsync(body, signedAt: DateTimeOffset.UtcNow.AddMinutes(6));

        stale.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await stale.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("older than the tolerance");
        future.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        await ExpectUnchangedAsync(payment);
    }

    [Test]
    public async Task The_same_valid_webhook_delivered_twice_is_applied_once()
    {
        var (payment, intent) = await OpenAsync();
        var body = Event("payment_intent.succeeded", intent, payment, 2, "succeeded");

        using var first = await DeliverAsync(body);
        using var second = await DeliverAsync(body, signedAt: DateTimeOffset.UtcNow.AddSeconds(1));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().Should().Be("Applied");
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().Should().Be("Duplicate");
        (await host.SendAsync(new GetPayment(payment.PaymentId)))!.Status.Should().Be(PaymentStatus.Succeeded);
        (await host.EventCountAsync("payments.payment-succeeded", payment.PaymentId)).Should().Be(1);
    }

    [Test]
    public async Task The_same_webhook_delivered_ten_times_at_once_is_applied_once()
    {
        var (payment, intent) = await OpenAsync();
        var body = Event("payment_intent.succeeded", intent, payment, 2, "succeeded");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => DeliverAsync(body)));

        responses.Select(r => (int)r.StatusCode).Should().OnlyContain(s => s == 200 || s == 503, "a delivery that lost the race is either a duplicate or asked to come again, never a 5xx crash");
        (await host.EventCountAsync("payments.payment-succeeded", payment.PaymentId)).Should().Be(1);
        (await host.WithPaymentsDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.Body == body && d.Outcome == WebhookOutcome.Applied))).Should().Be(1);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task Out_of_order_events_are_ignored_by_version()
    {
        var (payment, intent) = await OpenAsync();
        var refunded = Event("refund.succeeded", intent, payment, 3, "succeeded", refunded: 1500, refundId: "re_outoforder1", refundAmount: 1500);
        var succeeded = Event("payment_intent.succeeded", intent, payment, 2, "succeeded");
        var failed = Event("payment_intent.payment_failed", intent, payment, 1, "requires_payment_method");

        using var r1 = await DeliverAsync(refunded);
        using var r2 = await DeliverAsync(succeeded);
        using var r3 = await DeliverAsync(failed);

        (await r1.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().Should().Be("Applied");
        (await r2.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().Should().Be("OutOfDate");
        (await r3.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().Should().Be("OutOfDate");
        var now = await host.SendAsync(new GetPayment(payment.PaymentId));
        now!.Status.Should().Be(PaymentStatus.PartiallyRefunded);
        now.AmountRefunded.Should().Be(1500);
        (await host.EventCountAsync("payments.payment-succeeded", payment.PaymentId)).Should().Be(1, "the refund proves the capture; the late success adds nothing");
        (await host.EventCountAsync("payments.refund-succeeded", payment.PaymentId)).Should().Be(1);
        (await host.EventCountAsync("payments.payment-failed", payment.PaymentId)).Should().Be(0);
    }

    [Test]
    public async Task Unreadable_bodies_and_unknown_intents_never_give_a_5xx()
    {
        foreach (var body in new[] { "", "null", "{}", "[1,2]", "{\"id\":\"evt_1\",\"type\":\"x\",\"created\":1,\"data\":{}}", new string('[', 5000), "{\"id\":\"" + new string('e', 500) + "\",\"type\":\"t\",\"created\":1,\"data\":{}}" })
        {
            using var response = await DeliverAsync(body);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, body.Length > 60 ? body[..60] : body);
        }

        using var huge = await DeliverAsync(new string('a', 70_000));
        huge.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);

        var stranger = new PaymentDetails(Guid.NewGuid(), "NX-none", 100, "eur", PaymentStatus.Pending, 0, null, null, null, null, DateTime.UtcNow, DateTime.UtcNow);
        using var unknown = await DeliverAsync(Event("payment_intent.succeeded", "pi_not_ours", stranger, 2, "succeeded"));
        unknown.StatusCode.Should().Be(HttpStatusCode.OK);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString().Should().Be("UnknownPayment");
    }

    [Test]
    public async Task Reconciliation_settles_a_payment_whose_answer_timed_out_and_whose_webhook_never_came()
    {
        var open = await host.OpenAsync();
        var processing = await host.SendAsync(new ConfirmPayment(open.PaymentId, "4000000000000408"));
        processing!.Status.Should().Be(PaymentStatus.Processing);

        // The stub settles the slow card after 3 s; its webhooks are off in this fixture, so only reconciliation can tell the shop.
        await Eventually.TrueAsync(
            async () =>
            {
                await host.SendAsync(new ReconcilePayments());
                return (await host.SendAsync(new GetPayment(open.PaymentId)))!.Status == PaymentStatus.Succeeded;
            },
            TimeSpan.FromSeconds(20),
            "reconciliation asks the provider and settles the payment");
        (await host.EventCountAsync("payments.payment-succeeded", open.PaymentId)).Should().Be(1);
        var history = await host.WithPaymentsDbAsync(db => db.StatusChanges.Where(c => c.PaymentId == open.PaymentId).OrderBy(c => c.At).Select(c => c.Source).ToListAsync());
        history.Should().Contain("reconciliation");
    }

    [Test]
    public async Task The_back_office_log_shows_deliveries_and_an_admin_replays_one_idempotently()
    {
        var (payment, intent) = await OpenAsync();
        var body = Event("payment_intent.succeeded", intent, payment, 2, "succeeded");
        using (await DeliverAsync(body))
        {
        }

        var deliveryId = await host.WithPaymentsDbAsync(db => db.WebhookDeliveries.Where(d => d.Body == body).Select(d => d.Id).SingleAsync());
        using var admin = host.CreateClientAs("admin-payments", NexusRoles.Admin);
        var list = await admin.GetStringAsync($"/admin/payments/webhooks?outcome=Applied&q={intent}");
        list.Should().Contain($"/admin/payments/webhooks/{deliveryId}").And.Contain("payment_intent.succeeded");
        var detail = await admin.GetStringAsync($"/admin/payments/webhooks/{deliveryId}");
        detail.Should().Contain("Replay this delivery").And.Contain(WebUtility.HtmlEncode(intent));

        using var replay = await admin.PostFormAsync($"/admin/payments/webhooks/{deliveryId}", new Dictionary<string, string>(), handler: "Replay");
        replay.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var replayPage = await admin.GetStringAsync(replay.Headers.Location!.ToString());
        replayPage.Should().Contain("Replayed: Duplicate");
        (await host.EventCountAsync("payments.payment-succeeded", payment.PaymentId)).Should().Be(1);

        using var support = host.CreateClientAs("support-payments", NexusRoles.Support);
        var supportView = await support.GetStringAsync($"/admin/payments/webhooks/{deliveryId}");
        supportView.Should().Contain("Raw body").And.NotContain("Replay this delivery");
        using var supportReplay = await support.PostFormAsync($"/admin/payments/webhooks/{deliveryId}", new Dictionary<string, string>(), handler: "Replay");
        supportReplay.StatusCode.Should().BeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        if (supportReplay.StatusCode == HttpStatusCode.Redirect)
        {
            supportReplay.Headers.Location!.ToString().Should().Contain("/status/403");
        }

        using var customer = host.CreateClientAs("customer-payments", NexusRoles.Customer);
        using var refused = await customer.GetAsync("/admin/payments/webhooks");
        refused.StatusCode.Should().NotBe(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_refused_delivery_cannot_be_replayed_and_odd_filters_do_not_break_the_log()
    {
        var (payment, intent) = await OpenAsync();
        var body = Event("payment_intent.succeeded", intent, payment, 2, "succeeded");
        using (await DeliverAsync(body, signature: "t=1,v1=" + new string('0', 64)))
        {
        }

        var deliveryId = await host.WithPaymentsDbAsync(db => db.WebhookDeliveries.Where(d => d.Body == body).Select(d => d.Id).SingleAsync());
        using var admin = host.CreateClientAs("admin-payments", NexusRoles.Admin);
        var detail = await admin.GetStringAsync($"/admin/payments/webhooks/{deliveryId}");
        detail.Should().NotContain("Replay this delivery");
        using var replay = await admin.PostFormAsync($"/admin/payments/webhooks/{deliveryId}", new Dictionary<string, string>(), handler: "Replay");
        replay.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await admin.GetStringAsync(replay.Headers.Location!.ToString())).Should().Contain("Only verified deliveries can be replayed.");
        await ExpectUnchangedAsync(payment);

        foreach (var query in new[] { "?outcome=Nonsense", "?verification=99", "?page=-4", "?page=999999999", "?q=" + new string('x', 3000), "?outcome=Refused&verification=BadSignature" })
        {
            using var response = await admin.GetAsync("/admin/payments/webhooks" + query);
            response.StatusCode.Should().Be(HttpStatusCode.OK, query.Length > 60 ? query[..60] : query);
        }

        using var missing = await admin.GetAsync($"/admin/payments/webhooks/{Guid.NewGuid()}");
        missing.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var notAGuid = await admin.GetAsync("/admin/payments/webhooks/not-a-guid");
        notAGuid.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task ExpectUnchangedAsync(PaymentDetails before)
    {
        var now = await host.SendAsync(new GetPayment(before.PaymentId));
        now!.Status.Should().Be(PaymentStatus.Pending);
        (await host.EventCountAsync("payments.payment-succeeded", before.PaymentId)).Should().Be(0);
        (await host.WithPaymentsDbAsync(db => db.AppliedEvents.CountAsync(a => db.WebhookDeliveries.Any(d => d.Id == a.DeliveryId && d.PaymentId == before.PaymentId)))).Should().Be(0);
    }
}
