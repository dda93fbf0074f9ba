using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Domain;
using Microsoft.EntityFrameworkCore;

namespace Nexus.IntegrationTests.Payments;

/// <summary>The main path on PostgreSQL: pay (declined, then the success card), the webhooks applied once, a partial refund.</summary>
internal sealed class PostgresPaymentsTests
{
    [Test]
    public async Task Pay_after_a_decline_and_refund_on_postgres()
    {
        using var host = PaymentsTestHost.Create(onto: await Nexus.Testing.Hosting.NexusHostFactory.OnPostgresAsync(PaymentsTestHost.FastSettings()));
        var open = await host.OpenAsync(amount: 8000);

        (await host.SendAsync(new ConfirmPayment(open.PaymentId, "4000000000009995")))!.FailureCode.Should().Be("insufficient_funds");
        (await host.SendAsync(new ConfirmPayment(open.PaymentId, "4242424242424242")))!.Status.Should().Be(PaymentStatus.Succeeded);
        var refund = await host.SendAsync(new RefundPayment(open.PaymentId, 3000));
        refund.Outcome.Should().Be(RefundOutcome.Succeeded);

        var intent = await host.IntentIdAsync(open.PaymentId);
        await host.WebhooksSettledAsync(intent, atLeast: 3);
        (await host.EventCountAsync("payments.payment-failed", open.PaymentId)).Should().Be(1);
        (await host.EventCountAsync("payments.payment-succeeded", open.PaymentId)).Should().Be(1);
        (await host.EventCountAsync("payments.refund-succeeded", open.PaymentId)).Should().Be(1);
        var payment = await host.SendAsync(new GetPayment(open.PaymentId));
        payment!.Status.Should().Be(PaymentStatus.PartiallyRefunded);
        payment.AmountRefunded.Should().Be(3000);
        (await host.WithPaymentsDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.ProviderIntentId == intent && d.Verification != WebhookVerification.Verified))).Should().Be(0);
    }
}
