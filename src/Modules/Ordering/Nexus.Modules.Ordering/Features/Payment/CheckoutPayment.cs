using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Payments.Contracts;

namespace Nexus.Modules.Ordering.Features.Payment;

/// <summary>
/// Pays a placed order through Payments: opens the payment (<see cref="CreatePayment"/>, amount = the order's total,
/// returning to <c>/checkout/payment/return</c>), tries the card (<see cref="ConfirmPayment"/>) and turns the answer
/// into the shopper's next page. A capture is recorded on the order at once (the webhook that follows finds it paid).
/// </summary>
internal sealed class CheckoutPayment(IMediator mediator, Data.OrderingDbContext db)
{
    public const string ReturnPath = "/checkout/payment/return";

    /// <summary>How often a captured payment is told to an order that keeps changing underneath (see <see cref="RecordCaptureAsync"/>).</summary>
    private const int RecordAttempts = 3;

    public async Task<PaymentStep> PayAsync(OrderView order, string cardNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!order.AwaitsPayment)
        {
            return PaymentStep.Closed(order.Status);
        }

        var payment = await mediator.Send(new CreatePayment(order.Number, order.TotalMinor, order.Currency, $"{ReturnPath}?order={order.Number}"), cancellationToken);
        try
        {
            await mediator.Send(new UsePayment(order.Id, payment.PaymentId), cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A twin request (double click) recorded the same payment at the same moment.
            db.ChangeTracker.Clear();
        }

        if (payment.Status is not (PaymentStatus.Pending or PaymentStatus.Failed))
        {
            // Captured, waiting for a challenge or still processing from an earlier try: no second card on it.
            return await SettleAsync(payment, cancellationToken);
        }

        var answer = await mediator.Send(new ConfirmPayment(payment.PaymentId, cardNumber), cancellationToken);
        return answer is null ? PaymentStep.NeedsCard(null) : await SettleAsync(answer, cancellationToken);
    }

    /// <summary>Asks the provider where the order's current payment stands (after the challenge, on the processing page).</summary>
    public async Task<PaymentStep> RefreshAsync(OrderView order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!order.AwaitsPayment)
        {
            return PaymentStep.Closed(order.Status);
        }

        if (order.PaymentId is not { } paymentId)
        {
            return PaymentStep.NeedsCard(null);
        }

        var payment = await mediator.Send(new RefreshPayment(paymentId), cancellationToken);
        return payment is null ? PaymentStep.NeedsCard(null) : await SettleAsync(payment, cancellationToken);
    }

    /// <summary>
    /// The provider says the payment was captured: the order is told so. The order's version makes racing tellings
    /// exclusive, and a lost race says nothing about the outcome: the webhook may have marked it paid at the same moment,
    /// or the unpaid-order job cancelled it. So the capture is told again on a fresh read and the order's real state
    /// decides — paid: the confirmation; cancelled: the payment is refunded in full (<see cref="OrderPaymentRecorder"/>)
    /// and the shopper is told on the order's page (docs/decisions/0022).
    /// </summary>
    public async Task<PaymentStep> RecordCaptureAsync(PaymentDetails payment, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var outcome = await mediator.Send(new RecordPaymentSucceeded(payment.PaymentId, payment.OrderReference), cancellationToken);
                return outcome is PaymentApplication.OrderCancelled
                    ? PaymentStep.Closed(OrderStatus.Cancelled)
                    : PaymentStep.Paid();
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                if (attempt >= RecordAttempts)
                {
                    // Still changing under us: show where it stands; Payments' PaymentSucceeded (the inbox retries it)
                    // applies the capture — or its refund — once the order settles.
                    var status = await db.Orders.AsNoTracking().Where(o => o.Number == payment.OrderReference).Select(o => (OrderStatus?)o.Status).FirstOrDefaultAsync(cancellationToken);
                    return status is null or OrderStatus.Pending ? PaymentStep.Processing() : PaymentStep.Closed(status.Value);
                }
            }
        }
    }

    private async Task<PaymentStep> SettleAsync(PaymentDetails payment, CancellationToken cancellationToken)
    {
        switch (payment.Status)
        {
            case PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded:
                return await RecordCaptureAsync(payment, cancellationToken);

            case PaymentStatus.Failed:
                return PaymentStep.NeedsCard(payment.FailureMessage ?? "Your card was declined. Please try another card.");
            case PaymentStatus.RequiresAction when payment.ChallengeUrl is not null:
                return PaymentStep.Challenge(payment.ChallengeUrl);
            case PaymentStatus.Processing or PaymentStatus.RequiresAction:
                return PaymentStep.Processing();
            default:
                return PaymentStep.NeedsCard(null);
        }
    }
}

/// <summary>Where the shopper goes after a payment step.</summary>
internal sealed record PaymentStep(PaymentStepKind Kind, string? Message, string? ChallengeUrl, OrderStatus? Status)
{
    public static PaymentStep Paid() => new(PaymentStepKind.Paid, null, null, OrderStatus.Paid);

    public static PaymentStep NeedsCard(string? message) => new(PaymentStepKind.NeedsCard, message, null, null);

    public static PaymentStep Challenge(string url) => new(PaymentStepKind.Challenge, null, url, null);

    public static PaymentStep Processing() => new(PaymentStepKind.Processing, null, null, null);

    public static PaymentStep Closed(OrderStatus status) => new(
        status switch
        {
            OrderStatus.Cancelled => PaymentStepKind.Cancelled,
            OrderStatus.Pending => PaymentStepKind.NeedsCard,
            _ => PaymentStepKind.Paid,
        },
        null,
        null,
        status);
}

internal enum PaymentStepKind
{
    Paid,
    NeedsCard,
    Challenge,
    Processing,
    Cancelled,
}
