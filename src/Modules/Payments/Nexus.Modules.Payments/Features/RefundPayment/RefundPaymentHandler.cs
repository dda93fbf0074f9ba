using System.Globalization;
using MediatR;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Domain;
using Nexus.Modules.Payments.Provider;

namespace Nexus.Modules.Payments.Features.RefundPayment;

/// <summary>
/// Full or partial refund. An over-refund is refused before the provider is asked (and again by the provider). The
/// refund is recorded with its own id as idempotency key and reference: a timeout leaves it pending, and
/// reconciliation asks again with the same key, so the money goes back once.
/// </summary>
internal sealed class RefundPaymentHandler : IRequestHandler<Contracts.RefundPayment, RefundResult>
{
    private readonly IPaymentProvider provider;
    private readonly PaymentSettlement settlement;

    public RefundPaymentHandler(IPaymentProvider provider, PaymentSettlement settlement)
    {
        this.provider = provider;
        this.settlement = settlement;
    }

    public async Task<RefundResult> Handle(Contracts.RefundPayment request, CancellationToken cancellationToken)
    {
        var payment = await settlement.FindAsync(request.PaymentId, cancellationToken);
        if (payment is null)
        {
            return new RefundResult(RefundOutcome.UnknownPayment, null, 0, null, "There is no such payment.");
        }

        if (request.RefundId is { } askedBefore && payment.Refunds.FirstOrDefault(r => r.Id == askedBefore) is { } earlier)
        {
            // The same refund asked again (a retry after a crash): its state, never a second refund.
            return new RefundResult(
                earlier.Status switch { RefundStatus.Succeeded => RefundOutcome.Succeeded, RefundStatus.Pending => RefundOutcome.Pending, _ => RefundOutcome.NotRefundable },
                earlier.Id, earlier.Amount, payment.ToDetails(), null);
        }

        if (payment.ProviderIntentId is not { } intentId || payment.Refundable <= 0)
        {
            return new RefundResult(RefundOutcome.NotRefundable, null, 0, payment.ToDetails(),
                PaymentStatusRules.IsCaptured(payment.Status) ? "Everything has been refunded already (or is being refunded)." : "Only a captured payment can be refunded.");
        }

        var amount = request.Amount ?? payment.Refundable;
        if (amount > payment.Refundable)
        {
            return new RefundResult(RefundOutcome.OverRefund, null, amount, payment.ToDetails(),
                string.Create(CultureInfo.InvariantCulture, $"A refund of {amount} is more than the {payment.Refundable} left to refund."));
        }

        var refund = payment.StartRefund(amount, request.Reason, settlement.Now, request.RefundId);
        try
        {
            var answer = await provider.RefundAsync(intentId, amount, refund.Id.ToString(), refund.IdempotencyKey, cancellationToken);
            settlement.Apply(payment, answer.Intent, "refund-answer");
            settlement.RefundSucceeded(payment, refund, answer.Refund.Id);
            return new RefundResult(RefundOutcome.Succeeded, refund.Id, amount, payment.ToDetails(), null);
        }
        catch (ProviderUnavailableException)
        {
            return new RefundResult(RefundOutcome.Pending, refund.Id, amount, payment.ToDetails(), "The payment provider did not answer in time; the refund will be completed automatically.");
        }
        catch (ProviderRefusedException ex)
        {
            refund.Refused(settlement.Now);
            return new RefundResult(ex.Code == "amount_too_large" ? RefundOutcome.OverRefund : RefundOutcome.NotRefundable, refund.Id, amount, payment.ToDetails(), ex.Message);
        }
    }
}
