using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Payments.Contracts.Events;
using Nexus.Modules.Payments.Data;
using Nexus.Modules.Payments.Domain;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Payments.Features;

/// <summary>
/// The one way a payment learns from the provider, whichever path the news came by (an answer, a webhook,
/// reconciliation, a refresh): applies the snapshot by version and publishes <see cref="PaymentSucceeded"/>,
/// <see cref="PaymentFailed"/> and <see cref="RefundSucceeded"/> exactly when the change calls for them.
/// </summary>
internal sealed class PaymentSettlement
{
    private readonly PaymentsDbContext db;
    private readonly IIntegrationEventPublisher events;
    private readonly TimeProvider clock;

    public PaymentSettlement(PaymentsDbContext db, IIntegrationEventPublisher events, TimeProvider clock)
    {
        this.db = db;
        this.events = events;
        this.clock = clock;
    }

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<Payment?> FindAsync(Guid paymentId, CancellationToken cancellationToken) =>
        db.Payments.Include(p => p.Refunds).FirstOrDefaultAsync(p => p.Id == paymentId, cancellationToken);

    /// <summary>The payment an intent belongs to: by the intent id, or by the reference (the shop's payment id) when the creation's answer was lost.</summary>
    public async Task<Payment?> FindByIntentAsync(ProviderSnapshot intent, CancellationToken cancellationToken)
    {
        var byIntent = await db.Payments.Include(p => p.Refunds).FirstOrDefaultAsync(p => p.ProviderIntentId == intent.IntentId, cancellationToken);
        if (byIntent is not null)
        {
            return byIntent;
        }

        return Guid.TryParse(intent.Reference, out var paymentId)
            ? await db.Payments.Include(p => p.Refunds).FirstOrDefaultAsync(p => p.Id == paymentId && p.ProviderIntentId == null, cancellationToken)
            : null;
    }

    /// <summary>Re-reads the payment's row after a provider call, so a webhook committed meanwhile is seen (and not overwritten).</summary>
    public Task ReloadAsync(Payment payment, CancellationToken cancellationToken) => db.Entry(payment).ReloadAsync(cancellationToken);

    public SnapshotOutcome Apply(Payment payment, ProviderSnapshot intent, string source) => Publish(payment, payment.Apply(intent, source, Now));

    public SnapshotOutcome Reconcile(Payment payment, ProviderSnapshot intent, string source) => Publish(payment, payment.Reconcile(intent, source, Now));

    /// <summary>The shop's refund this provider refund settles: by provider id, or by the reference the shop gave it.</summary>
    public static Refund? MatchRefund(Payment payment, ProviderRefundInfo refund) =>
        payment.Refunds.FirstOrDefault(r => r.ProviderRefundId == refund.Id)
        ?? (Guid.TryParse(refund.Reference, out var id) ? payment.Refunds.FirstOrDefault(r => r.Id == id) : null);

    /// <summary>Marks <paramref name="refund"/> succeeded and publishes it, once.</summary>
    public bool RefundSucceeded(Payment payment, Refund refund, string providerRefundId)
    {
        if (!refund.Succeeded(providerRefundId, Now))
        {
            return false;
        }

        PublishRefund(payment, refund);
        return true;
    }

    /// <summary>Records a refund the shop did not start (or whose start it lost) and publishes it.</summary>
    public Refund AddProviderRefund(Payment payment, ProviderRefundInfo refund)
    {
        var recorded = payment.AddProviderRefund(Guid.TryParse(refund.Reference, out var id) ? id : null, refund.Id, refund.Amount, Now);
        PublishRefund(payment, recorded);
        return recorded;
    }

    private void PublishRefund(Payment payment, Refund refund)
    {
        var total = Math.Max(payment.AmountRefunded, payment.Refunds.Where(r => r.Status == RefundStatus.Succeeded).Sum(r => r.Amount));
        events.Publish(new RefundSucceeded(payment.Id, refund.Id, payment.OrderReference, refund.Amount, total, payment.Amount, payment.Currency));
    }

    private SnapshotOutcome Publish(Payment payment, SnapshotOutcome outcome)
    {
        if (outcome.BecameCaptured)
        {
            events.Publish(new PaymentSucceeded(payment.Id, payment.OrderReference, payment.Amount, payment.Currency));
        }

        if (outcome.NewFailure)
        {
            events.Publish(new PaymentFailed(payment.Id, payment.OrderReference, payment.FailureCode ?? "declined", payment.FailureMessage ?? "The payment failed."));
        }

        return outcome;
    }
}
