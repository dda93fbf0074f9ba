using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Domain;

namespace Nexus.UnitTests.Payments;

/// <summary>
/// A payment applies the provider's snapshots by version: whatever order answers, webhooks and reconciliation arrive
/// in, it ends in the state of the highest version, never moves backwards, and asks for each event once.
/// </summary>
internal sealed class PaymentStatusOrderingTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    private static Payment NewPayment() => Payment.Open("order-1", 5000, "EUR", "http://shop.test/return", Now);

    private static ProviderSnapshot Snapshot(int version, string status, long refunded = 0, string? error = null, string? decline = null) =>
        new("pi_1", "ref", 5000, "eur", status, refunded, version, "4242", error, decline, error is null ? null : "Your card was declined.", status == "requires_action" ? "http://psp.test/challenge/pi_1" : null);

    [Test]
    public void A_success_after_creation_captures_once()
    {
        var payment = NewPayment();
        payment.Apply(Snapshot(1, "requires_payment_method"), "created", Now).Applied.Should().BeTrue();
        var outcome = payment.Apply(Snapshot(2, "succeeded"), "answer", Now);
        outcome.Should().Be(new SnapshotOutcome(true, BecameCaptured: true, NewFailure: false));
        payment.Status.Should().Be(PaymentStatus.Succeeded);

        payment.Apply(Snapshot(2, "succeeded"), "webhook", Now).Should().Be(SnapshotOutcome.OutOfDate, "the webhook of the same version brings nothing new");
    }

    [Test]
    public void A_failure_arriving_after_the_success_is_ignored()
    {
        var payment = NewPayment();
        payment.Apply(Snapshot(3, "succeeded"), "webhook", Now);
        payment.Apply(Snapshot(2, "requires_payment_method", error: "card_declined", decline: "generic_decline"), "webhook", Now).Should().Be(SnapshotOutcome.OutOfDate);
        payment.Status.Should().Be(PaymentStatus.Succeeded);
        payment.FailureCode.Should().BeNull();
    }

    [Test]
    public void A_success_arriving_after_the_refund_is_ignored_and_the_refund_counts_as_the_capture()
    {
        var payment = NewPayment();
        var refund = payment.Apply(Snapshot(3, "succeeded", refunded: 2000), "webhook", Now);
        refund.BecameCaptured.Should().BeTrue("a refunded payment was captured first: Ordering must hear of the payment once");
        payment.Status.Should().Be(PaymentStatus.PartiallyRefunded);

        payment.Apply(Snapshot(2, "succeeded"), "webhook", Now).Should().Be(SnapshotOutcome.OutOfDate);
        payment.Status.Should().Be(PaymentStatus.PartiallyRefunded);
        payment.AmountRefunded.Should().Be(2000);
    }

    [Test]
    public void A_decline_then_a_success_with_another_card_ends_succeeded_with_one_failure_event_each()
    {
        var payment = NewPayment();
        payment.Apply(Snapshot(2, "requires_payment_method", error: "card_declined", decline: "insufficient_funds"), "answer", Now)
            .Should().Be(new SnapshotOutcome(true, false, NewFailure: true));
        payment.Status.Should().Be(PaymentStatus.Failed);
        payment.FailureCode.Should().Be("insufficient_funds");

        payment.Apply(Snapshot(3, "succeeded"), "answer", Now).BecameCaptured.Should().BeTrue();
        payment.FailureCode.Should().BeNull();
        payment.Apply(Snapshot(2, "requires_payment_method", error: "card_declined"), "webhook", Now).Should().Be(SnapshotOutcome.OutOfDate, "the late webhook of the first attempt");
    }

    [Test]
    public void A_full_refund_makes_it_refunded_and_nothing_is_left_to_refund()
    {
        var payment = NewPayment();
        payment.Apply(Snapshot(2, "succeeded"), "answer", Now);
        payment.Refundable.Should().Be(5000);
        payment.Apply(Snapshot(3, "succeeded", refunded: 5000), "refund-answer", Now);
        payment.Status.Should().Be(PaymentStatus.Refunded);
        payment.Refundable.Should().Be(0);
    }

    [Test]
    public void A_pending_refund_counts_against_what_is_left()
    {
        var payment = NewPayment();
        payment.Apply(Snapshot(2, "succeeded"), "answer", Now);
        payment.StartRefund(3000, null, Now);
        payment.Refundable.Should().Be(2000);
    }

    [Test]
    public void A_challenge_keeps_its_url_until_the_outcome()
    {
        var payment = NewPayment();
        payment.Apply(Snapshot(2, "requires_action"), "answer", Now);
        payment.Status.Should().Be(PaymentStatus.RequiresAction);
        payment.ChallengeUrl.Should().Be("http://psp.test/challenge/pi_1");
        payment.Apply(Snapshot(3, "succeeded"), "refresh", Now);
        payment.ChallengeUrl.Should().BeNull();
    }

    [Test]
    public void Reconciliation_settles_a_timed_out_attempt_that_never_reached_the_provider()
    {
        var payment = NewPayment();
        payment.Apply(Snapshot(1, "requires_payment_method"), "created", Now);
        payment.AwaitProvider("answer-timeout", Now);
        payment.Status.Should().Be(PaymentStatus.Processing);

        payment.Reconcile(Snapshot(1, "requires_payment_method"), "reconciliation", Now).Applied.Should().BeTrue();
        payment.Status.Should().Be(PaymentStatus.Pending, "nothing was charged, so a card may be tried again");
    }

    [Test]
    public void Reconciliation_leaves_a_payment_the_provider_still_processes_as_it_is()
    {
        var payment = NewPayment();
        payment.Apply(Snapshot(2, "processing"), "answer", Now);
        payment.Reconcile(Snapshot(2, "processing"), "reconciliation", Now).Applied.Should().BeFalse();
        payment.Status.Should().Be(PaymentStatus.Processing);
    }

    [Test]
    public void Every_change_is_in_the_history_with_its_source()
    {
        var payment = NewPayment();
        payment.Apply(Snapshot(2, "processing"), "answer", Now);
        payment.Apply(Snapshot(3, "succeeded"), "webhook", Now);
        payment.History.Select(h => (h.From, h.To, h.Source)).Should().Equal(
            (null, PaymentStatus.Pending, "created"),
            (PaymentStatus.Pending, PaymentStatus.Processing, "answer"),
            (PaymentStatus.Processing, PaymentStatus.Succeeded, "webhook"));
    }
}
