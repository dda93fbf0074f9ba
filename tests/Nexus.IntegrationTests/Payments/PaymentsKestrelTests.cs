using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Domain;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Payments;

/// <summary>
/// The main path over a real port (no test handlers): the adapter reaches the in-host stub through Kestrel, the stub
/// delivers its webhooks the same way; and the stub's out-of-order switch really delivers a later event first.
/// </summary>
internal sealed class PaymentsKestrelTests
{
    [Test]
    public async Task Pay_with_a_challenge_and_refund_over_real_http()
    {
        using var host = new NexusHostFactory(PaymentsTestHost.FastSettings());
        var address = host.StartKestrel();

        var open = await host.OpenAsync(amount: 2500);
        var challenged = await host.SendAsync(new ConfirmPayment(open.PaymentId, "4000002760003184"));
        challenged!.ChallengeUrl.Should().StartWith(address + "_stub-provider/challenge/");

        using var shopper = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() });
        using var answer = await shopper.PostFormAsync(challenged.ChallengeUrl!, new Dictionary<string, string> { ["outcome"] = "complete" });
        answer.StatusCode.Should().Be(HttpStatusCode.Redirect);
        answer.Headers.Location!.ToString().Should().StartWith(address + "checkout/payment/return?payment_intent=pi_");

        await Eventually.TrueAsync(
            async () => (await host.SendAsync(new GetPayment(open.PaymentId)))!.Status == PaymentStatus.Succeeded,
            TimeSpan.FromSeconds(20),
            "the challenge's webhook reaches the shop over Kestrel");
        var refund = await host.SendAsync(new RefundPayment(open.PaymentId, 500));
        refund.Outcome.Should().Be(RefundOutcome.Succeeded);
        var intent = await host.IntentIdAsync(open.PaymentId);
        await host.WebhooksSettledAsync(intent, atLeast: 3);
        (await host.EventCountAsync("payments.payment-succeeded", open.PaymentId)).Should().Be(1);
        (await host.EventCountAsync("payments.refund-succeeded", open.PaymentId)).Should().Be(1);
    }

    [Test]
    public async Task With_the_out_of_order_switch_on_the_shop_ends_right_whatever_order_the_webhooks_arrive_in()
    {
        using var host = PaymentsTestHost.Create(new Dictionary<string, string?>
        {
            ["Modules:NexusPay:DeliverOutOfOrder"] = "true",
            ["Modules:NexusPay:OutOfOrderHold"] = "00:00:10", // long enough for both events to exist on a loaded machine
        });
        var open = await host.OpenAsync(amount: 3000);
        (await host.SendAsync(new ConfirmPayment(open.PaymentId, "4242424242424242")))!.Status.Should().Be(PaymentStatus.Succeeded);
        (await host.SendAsync(new RefundPayment(open.PaymentId, 1000))).Outcome.Should().Be(RefundOutcome.Succeeded);

        var intent = await host.IntentIdAsync(open.PaymentId);
        await host.WebhooksSettledAsync(intent, atLeast: 2);
        var order = await host.WithPaymentsDbAsync(db => db.WebhookDeliveries.Where(d => d.ProviderIntentId == intent).OrderBy(d => d.ReceivedAt).Select(d => d.EventType).ToListAsync());
        // The switch holds the success back so the refund can overtake it, but it does not always win the race (seen
        // on an idle machine: success first). What must hold is the outcome below, whatever the order.
        order.Should().BeEquivalentTo(["refund.succeeded", "payment_intent.succeeded"]);
        var now = await host.SendAsync(new GetPayment(open.PaymentId));
        now!.Status.Should().Be(PaymentStatus.PartiallyRefunded);
        (await host.EventCountAsync("payments.payment-succeeded", open.PaymentId)).Should().Be(1);
        (await host.EventCountAsync("payments.refund-succeeded", open.PaymentId)).Should().Be(1);
        var outcomes = await host.WithPaymentsDbAsync(db => db.WebhookDeliveries.Where(d => d.ProviderIntentId == intent).Select(d => d.Outcome).ToListAsync());
        outcomes.Should().OnlyContain(o => o == WebhookOutcome.OutOfDate, "the answers had told the shop already");
    }
}
