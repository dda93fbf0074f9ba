using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Payments.Data;
using Nexus.Modules.Payments.Domain;
using Nexus.Modules.Payments.Provider;

namespace Nexus.Modules.Payments.Features.Webhooks;

/// <summary>
/// Receives and replays webhook deliveries. Every delivery is logged. A refused one (signature, timestamp) changes
/// nothing else. A verified event is applied at most once (the applied-events ledger is keyed by the provider's
/// event id) and only forwards (the payment applies intent snapshots by version, so out-of-order events are ignored).
/// </summary>
internal sealed class WebhookHandler :
    IRequestHandler<ReceiveWebhook, WebhookReceipt>,
    IRequestHandler<ReplayWebhook, WebhookReceipt?>
{
    /// <summary>How long a refund event naming a refund the shop has not recorded yet is sent back for a retry.</summary>
    private static readonly TimeSpan RefundRecordingGrace = TimeSpan.FromMinutes(2);

    private readonly PaymentsDbContext db;
    private readonly PaymentSettlement settlement;
    private readonly IOptions<PaymentsOptions> options;
    private readonly IOptions<PaymentProviderOptions> provider;
    private readonly TimeProvider clock;

    public WebhookHandler(PaymentsDbContext db, PaymentSettlement settlement, IOptions<PaymentsOptions> options, IOptions<PaymentProviderOptions> provider, TimeProvider clock)
    {
        this.db = db;
        this.settlement = settlement;
        this.options = options;
        this.provider = provider;
        this.clock = clock;
    }

    public async Task<WebhookReceipt> Handle(ReceiveWebhook request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var verification = WebhookSignature.Verify(request.SignatureHeader, request.Body, provider.Value.WebhookSigningSecret, now, options.Value.WebhookTolerance);
        var delivery = WebhookDelivery.Received(request.SignatureHeader, request.Body, verification, now.UtcDateTime);
        db.WebhookDeliveries.Add(delivery);
        if (verification != WebhookVerification.Verified)
        {
            return Receipt(delivery);
        }

        await ApplyAsync(delivery, cancellationToken);
        return Receipt(delivery);
    }

    public async Task<WebhookReceipt?> Handle(ReplayWebhook request, CancellationToken cancellationToken)
    {
        var original = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.DeliveryId, cancellationToken);
        if (original is null)
        {
            return null;
        }

        if (original.Verification != WebhookVerification.Verified)
        {
            // Never: a delivery whose signature did not verify may have been made up by anyone.
            return new WebhookReceipt(original.Id, original.Verification, WebhookOutcome.Refused, "Only verified deliveries can be replayed.");
        }

        var replay = WebhookDelivery.Replay(original, request.ReplayedBy, clock.GetUtcNow().UtcDateTime);
        db.WebhookDeliveries.Add(replay);
        await ApplyAsync(replay, cancellationToken);
        return Receipt(replay);
    }

    private async Task ApplyAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ProviderEvent providerEvent;
        try
        {
            providerEvent = NexusPayWire.Event(delivery.Body);
        }
        catch (ProviderProtocolException ex)
        {
            delivery.Finish(WebhookOutcome.Malformed, null, ex.Message);
            return;
        }

        delivery.Identify(providerEvent.Id, providerEvent.Type, providerEvent.Intent.IntentId);
        if (await db.AppliedEvents.AnyAsync(a => a.EventId == providerEvent.Id, cancellationToken))
        {
            delivery.Finish(WebhookOutcome.Duplicate, null, "This event was applied before; nothing changed.");
            return;
        }

        var payment = await settlement.FindByIntentAsync(providerEvent.Intent, cancellationToken);
        if (payment is null)
        {
            // Acknowledged (the provider would retry for days otherwise) and kept: it can be replayed from the log.
            delivery.Finish(WebhookOutcome.UnknownPayment, null, "No payment of this shop has this payment intent.");
            return;
        }

        var refund = providerEvent.Refund;
        var knownRefund = refund is null ? null : PaymentSettlement.MatchRefund(payment, refund);
        if (refund is not null && knownRefund is null && Guid.TryParse(refund.Reference, out _) && clock.GetUtcNow() - providerEvent.Created < RefundRecordingGrace)
        {
            // The shop started this refund and its record is still being committed: let the provider deliver it again.
            delivery.Finish(WebhookOutcome.NotReady, payment.Id, "The refund this event settles is not recorded yet; the provider will retry.");
            return;
        }

        var outcome = settlement.Apply(payment, providerEvent.Intent, "webhook");
        var refundRecorded = false;
        if (refund is not null)
        {
            refundRecorded = knownRefund is null
                ? settlement.AddProviderRefund(payment, refund) is not null
                : settlement.RefundSucceeded(payment, knownRefund, refund.Id);
        }

        db.AppliedEvents.Add(AppliedProviderEvent.Of(providerEvent.Id, delivery.Id, clock.GetUtcNow().UtcDateTime));
        if (outcome.Applied || refundRecorded)
        {
            delivery.Finish(WebhookOutcome.Applied, payment.Id, $"Payment is now {payment.Status} (provider version {payment.ProviderVersion}).");
        }
        else
        {
            delivery.Finish(WebhookOutcome.OutOfDate, payment.Id, $"The payment has seen a newer state already (version {payment.ProviderVersion} ≥ {providerEvent.Intent.Version}); nothing changed.");
        }
    }

    private static WebhookReceipt Receipt(WebhookDelivery delivery) => new(delivery.Id, delivery.Verification, delivery.Outcome, delivery.Detail);
}
