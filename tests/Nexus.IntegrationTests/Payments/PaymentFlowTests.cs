using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Domain;
using Nexus.Modules.Payments.Features.Reconciliation;
using Nexus.Shared.Application;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Payments;

/// <summary>
/// The payment path through the real host: the adapter calls the NexusPay stub over HTTP, the stub answers and
/// sends signed webhooks, the shop applies each change once. One host for the fixture; every test has its own payment.
/// </summary>
internal sealed class PaymentFlowTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = PaymentsTestHost.Create();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    private async Task<PaymentDetails> PayAsync(string card, long amount = 4990)
    {
        var payment = await host.OpenAsync(amount);
        payment.Status.Should().Be(PaymentStatus.Pending);
        return (await host.SendAsync(new ConfirmPayment(payment.PaymentId, card)))!;
    }

    [Test]
    public async Task The_success_card_captures_and_the_webhook_changes_nothing_more()
    {
        var paid = await PayAsync("4242 4242 4242 4242");

        paid.Status.Should().Be(PaymentStatus.Succeeded);
        paid.CardLast4.Should().Be("4242");
        var intent = await host.IntentIdAsync(paid.PaymentId);
        await host.WebhooksSettledAsync(intent, atLeast: 1);
        (await host.EventCountAsync("payments.payment-succeeded", paid.PaymentId)).Should().Be(1, "answer and webhook told the same news: one event");
        var deliveries = await host.WithPaymentsDbAsync(db => db.WebhookDeliveries.Where(d => d.ProviderIntentId == intent).ToListAsync());
        deliveries.Should().OnlyContain(d => d.Verification == WebhookVerification.Verified && (d.Outcome == WebhookOutcome.OutOfDate || d.Outcome == WebhookOutcome.Applied));
        (await host.SendAsync(new GetPaymentsForOrder(paid.OrderReference))).Should().ContainSingle().Which.Status.Should().Be(PaymentStatus.Succeeded);
    }

    [TestCase("4000 0000 0000 0002", "generic_decline", "Your card was declined.")]
    [TestCase("4000000000009995", "insufficient_funds", "Your card has insufficient funds.")]
    [TestCase("4000-0000-0000-0011", "incorrect_number", "Your card number is incorrect.")]
    [TestCase("5555 5555 5555 4444", "test_mode_live_card", "Your card was declined. In test mode only the test cards work.")]
    public async Task A_declined_card_fails_with_its_code_and_a_message_for_the_shopper(string card, string code, string message)
    {
        var failed = await PayAsync(card);

        failed.Status.Should().Be(PaymentStatus.Failed);
        failed.FailureCode.Should().Be(code);
        failed.FailureMessage.Should().Be(message);
        await host.WebhooksSettledAsync(await host.IntentIdAsync(failed.PaymentId), atLeast: 1);
        (await host.EventCountAsync("payments.payment-failed", failed.PaymentId)).Should().Be(1);
        (await host.EventCountAsync("payments.payment-succeeded", failed.PaymentId)).Should().Be(0);
    }

    [Test]
    public async Task After_a_decline_another_card_can_pay_the_same_payment()
    {
        var failed = await PayAsync("4000000000000002");
        var paid = await host.SendAsync(new ConfirmPayment(failed.PaymentId, "4242424242424242"));

        paid!.Status.Should().Be(PaymentStatus.Succeeded);
        paid.FailureCode.Should().BeNull();
        await host.WebhooksSettledAsync(await host.IntentIdAsync(paid.PaymentId), atLeast: 2);
        (await host.EventCountAsync("payments.payment-failed", paid.PaymentId)).Should().Be(1);
        (await host.EventCountAsync("payments.payment-succeeded", paid.PaymentId)).Should().Be(1);
        var status = await host.SendAsync(new GetPayment(paid.PaymentId));
        status!.Status.Should().Be(PaymentStatus.Succeeded, "the first attempt's late webhook does not undo the second");
    }

    [Test]
    public async Task A_double_submit_charges_once()
    {
        var paid = await PayAsync("4242424242424242");
        var again = await host.SendAsync(new ConfirmPayment(paid.PaymentId, "4242424242424242"));

        again!.Status.Should().Be(PaymentStatus.Succeeded);
        var intent = await host.IntentIdAsync(paid.PaymentId);
        await host.WebhooksSettledAsync(intent, atLeast: 1);
        (await PaymentsTestHost.StubEventsAsync(host, intent)).Count(e => e.GetProperty("type").GetString() == "payment_intent.succeeded").Should().Be(1);
        var second = await host.OpenAsync(4990, paid.OrderReference);
        second.PaymentId.Should().Be(paid.PaymentId, "the same order and amount does not open a second payment");
    }

    [TestCase("complete", PaymentStatus.Succeeded, null)]
    [TestCase("fail", PaymentStatus.Failed, "authentication_failed")]
    public async Task The_requires_action_card_goes_through_the_challenge_page_and_back_to_the_shop(string outcome, PaymentStatus expected, string? code)
    {
        var challenged = await PayAsync("4000 0027 6000 3184");
        challenged.Status.Should().Be(PaymentStatus.RequiresAction);
        challenged.ChallengeUrl.Should().StartWith("http://localhost/_stub-provider/challenge/pi_");

        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });
        var challengePath = new Uri(challenged.ChallengeUrl!).AbsolutePath;
        var page = await shopper.GetStringAsync(challengePath);
        page.Should().Contain("Complete authentication").And.Contain("49.90 EUR");
        using var answer = await shopper.PostFormAsync(challengePath, new Dictionary<string, string> { ["outcome"] = outcome });

        answer.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var intent = await host.IntentIdAsync(challenged.PaymentId);
        answer.Headers.Location!.ToString().Should().Be($"http://localhost/checkout/payment/return?payment_intent={intent}");
        var back = await host.SendAsync(new RefreshPayment(challenged.PaymentId));
        back!.Status.Should().Be(expected);
        back.FailureCode.Should().Be(code);
        back.ChallengeUrl.Should().BeNull();

        using var again = await shopper.GetAsync(challengePath);
        again.StatusCode.Should().Be(HttpStatusCode.Redirect, "an answered challenge sends the shopper back to the shop");
    }

    [Test]
    public async Task The_slow_card_times_out_leaves_the_payment_processing_and_the_webhook_settles_it()
    {
        var processing = await PayAsync("4000 0000 0000 0408");

        processing.Status.Should().Be(PaymentStatus.Processing, "the adapter stopped waiting after its 1 s timeout");
        await Eventually.TrueAsync(
            async () => (await host.SendAsync(new GetPayment(processing.PaymentId)))!.Status == PaymentStatus.Succeeded,
            TimeSpan.FromSeconds(20),
            "the provider settles the slow card and its webhook reaches the shop");
        await host.WebhooksSettledAsync(await host.IntentIdAsync(processing.PaymentId), atLeast: 2);
        (await host.EventCountAsync("payments.payment-succeeded", processing.PaymentId)).Should().Be(1);
    }

    [Test]
    public async Task Refunds_partial_and_full_with_over_refunds_refused()
    {
        var paid = await PayAsync("4242424242424242", amount: 5000);

        var first = await host.SendAsync(new RefundPayment(paid.PaymentId, 1000, "damaged box"));
        first.Outcome.Should().Be(RefundOutcome.Succeeded);
        first.Payment!.Status.Should().Be(PaymentStatus.PartiallyRefunded);
        first.Payment.AmountRefunded.Should().Be(1000);

        var tooMuch = await host.SendAsync(new RefundPayment(paid.PaymentId, 4001));
        tooMuch.Outcome.Should().Be(RefundOutcome.OverRefund);
        tooMuch.Message.Should().Be("A refund of 4001 is more than the 4000 left to refund.");

        var rest = await host.SendAsync(new RefundPayment(paid.PaymentId, null));
        rest.Outcome.Should().Be(RefundOutcome.Succeeded);
        rest.Amount.Should().Be(4000);
        rest.Payment!.Status.Should().Be(PaymentStatus.Refunded);

        var more = await host.SendAsync(new RefundPayment(paid.PaymentId, 1));
        more.Outcome.Should().Be(RefundOutcome.NotRefundable);

        var intent = await host.IntentIdAsync(paid.PaymentId);
        await host.WebhooksSettledAsync(intent, atLeast: 3);
        (await host.EventCountAsync("payments.refund-succeeded", paid.PaymentId)).Should().Be(2, "the refund webhooks settle refunds the shop recorded already");
        var refunds = await host.WithPaymentsDbAsync(db => db.Refunds.Where(r => r.PaymentId == paid.PaymentId).ToListAsync());
        refunds.Where(r => r.Status == RefundStatus.Succeeded).Select(r => r.Amount).Should().BeEquivalentTo([1000L, 4000L]);
        (await host.SendAsync(new GetPayment(paid.PaymentId)))!.Status.Should().Be(PaymentStatus.Refunded);
    }

    [Test]
    public async Task An_unpaid_payment_cannot_be_refunded()
    {
        var open = await host.OpenAsync();
        (await host.SendAsync(new RefundPayment(open.PaymentId, 100))).Outcome.Should().Be(RefundOutcome.NotRefundable);
        (await host.SendAsync(new RefundPayment(Guid.NewGuid(), 100))).Outcome.Should().Be(RefundOutcome.UnknownPayment);
    }

    [Test]
    public async Task The_provider_api_answers_an_idempotency_key_once_and_refuses_it_for_another_request()
    {
        using var api = ProviderClient();
        var body = """{"amount":1200,"currency":"eur","reference":"idem-test","return_url":"http://localhost/return"}""";

        using var first = await api.SendAsync(Post("payment_intents", body, "key-1"));
        using var second = await api.SendAsync(Post("payment_intents", body, "key-1"));
        using var other = await api.SendAsync(Post("payment_intents", body.Replace("1200", "1300", StringComparison.Ordinal), "key-1"));

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        second.StatusCode.Should().Be(HttpStatusCode.OK);
        second.Headers.GetValues("Idempotent-Replayed").Should().Equal("true");
        (await Id(first)).Should().Be(await Id(second));
        other.StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString().Should().Be("idempotency_key_reused");
    }

    [Test]
    public async Task The_provider_api_refuses_an_over_refund_itself()
    {
        var paid = await PayAsync("4242424242424242", amount: 700);
        using var api = ProviderClient();
        var intent = await host.IntentIdAsync(paid.PaymentId);

        using var refused = await api.SendAsync(Post("refunds", $$"""{"payment_intent":"{{intent}}","amount":701}""", null));

        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("code").GetString().Should().Be("amount_too_large");
    }

    [Test]
    public async Task Reconciliation_has_nothing_to_do_when_everything_is_settled()
    {
        await PayAsync("4242424242424242");
        var report = await host.SendAsync(new ReconcilePayments());
        report.Unanswered.Should().Be(0);
    }

    [Test]
    public async Task Hostile_input_gets_a_clear_error_or_404_never_a_5xx()
    {
        var open = await host.OpenAsync();
        await FluentActions.Awaiting(() => host.SendAsync(new CreatePayment("NX-1", -5, "EUR", "/return"))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => host.SendAsync(new CreatePayment("NX-1", long.MaxValue, "EUR", "/return"))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => host.SendAsync(new CreatePayment("NX-1", 100, "EURO", "/return"))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => host.SendAsync(new CreatePayment("NX-1", 100, "EUR", "//evil.example/steal"))).Should().ThrowAsync<RequestValidationException>("the return path must stay on this shop");
        await FluentActions.Awaiting(() => host.SendAsync(new CreatePayment("NX-1", 100, "EUR", "https://evil.example/"))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => host.SendAsync(new CreatePayment(new string('x', 65), 100, "EUR", "/return"))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => host.SendAsync(new ConfirmPayment(open.PaymentId, "4242<script>"))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => host.SendAsync(new ConfirmPayment(open.PaymentId, new string('4', 31)))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => host.SendAsync(new RefundPayment(open.PaymentId, -1))).Should().ThrowAsync<RequestValidationException>();
        (await host.SendAsync(new ConfirmPayment(Guid.NewGuid(), "4242424242424242"))).Should().BeNull();
        (await host.SendAsync(new GetPaymentsForOrder(new string('x', 5000)))).Should().BeEmpty();

        using var visitor = host.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/_stub-provider/challenge/pi_nope", "/_stub-provider/challenge/" + new string('a', 2000), "/_stub-provider/challenge/%27%22%3Cscript%3E" })
        {
            using var response = await visitor.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }

        using var noKey = await visitor.PostAsync("/_stub-provider/v1/payment_intents", new StringContent("{}", Encoding.UTF8, "application/json"));
        noKey.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var api = ProviderClient();
        foreach (var body in new[] { "not json", "[]", "{\"amount\":\"lots\"}", "{\"amount\":-1,\"currency\":\"eur\",\"reference\":\"r\",\"return_url\":\"http://x/\"}", "{\"amount\":1,\"currency\":\"eur\",\"reference\":\"r\",\"return_url\":\"javascript:alert(1)\"}", new string('{', 20_000) })
        {
            using var response = await api.SendAsync(Post("payment_intents", body, null));
            ((int)response.StatusCode).Should().BeInRange(400, 499, body.Length > 80 ? body[..80] : body);
        }

        using var confirmUnknown = await api.SendAsync(Post("payment_intents/pi_nope/confirm", """{"card_number":"4242424242424242"}""", null));
        confirmUnknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var getUnknown = await api.GetAsync("payment_intents/" + new string('z', 300));
        getUnknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private HttpClient ProviderClient()
    {
        var client = host.CreateClient(new() { BaseAddress = new Uri("http://localhost/_stub-provider/v1/") });
        client.DefaultRequestHeaders.Authorization = new("Bearer", NexusHostFactory.TestPaymentApiKey);
        return client;
    }

    private static HttpRequestMessage Post(string path, string body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    private static async Task<string> Id(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
}
