using MediatR;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Domain;
using Nexus.Modules.Payments.Provider;

namespace Nexus.Modules.Payments.Features.ConfirmPayment;

/// <summary>
/// Tries a card. Each attempt has its own idempotency key (a retried request repeats the attempt, never makes a
/// second charge). A timeout leaves the payment processing: the webhook or the reconciliation job settles it.
/// </summary>
internal sealed class ConfirmPaymentHandler : IRequestHandler<Contracts.ConfirmPayment, PaymentDetails?>
{
    private readonly IPaymentProvider provider;
    private readonly PaymentSettlement settlement;

    public ConfirmPaymentHandler(IPaymentProvider provider, PaymentSettlement settlement)
    {
        this.provider = provider;
        this.settlement = settlement;
    }

    public async Task<PaymentDetails?> Handle(Contracts.ConfirmPayment request, CancellationToken cancellationToken)
    {
        var payment = await settlement.FindAsync(request.PaymentId, cancellationToken);
        if (payment is null)
        {
            return null;
        }

        if (!PaymentStatusRules.CanConfirm(payment.Status))
        {
            // Already paid, processing or waiting for a challenge: a double submit changes nothing.
            return payment.ToDetails();
        }

        var changedBeforeCall = payment.ProviderIntentId is null;
        try
        {
            if (payment.ProviderIntentId is null)
            {
                var created = await provider.CreateIntentAsync(payment.Amount, payment.Currency, payment.Id.ToString(), payment.ReturnUrl, payment.CreateKey, cancellationToken);
                settlement.Apply(payment, created, "created");
            }
        }
        catch (ProviderUnavailableException)
        {
            payment.ProviderUnreachable(settlement.Now);
            return payment.ToDetails();
        }

        var intentId = payment.ProviderIntentId!;
        var key = payment.AttemptKey(payment.Attempts + 1);
        ProviderSnapshot? answer = null;
        var timedOut = false;
        try
        {
            answer = await provider.ConfirmAsync(intentId, request.CardNumber, key, cancellationToken);
        }
        catch (ProviderUnavailableException)
        {
            timedOut = true;
        }
        catch (ProviderRefusedException)
        {
            // E.g. the intent moved on meanwhile (another tab paid it): ask where it stands.
            answer = await TryGetAsync(intentId, cancellationToken);
        }

        // A webhook may have been applied while the provider was answering: build on the committed row (unless this
        // request changed the payment already, by creating its intent just now).
        if (!changedBeforeCall)
        {
            await settlement.ReloadAsync(payment, cancellationToken);
        }

        payment.CountAttempt(settlement.Now);
        if (answer is not null)
        {
            settlement.Apply(payment, answer, "answer");
        }
        else if (timedOut)
        {
            payment.AwaitProvider("answer-timeout", settlement.Now);
        }

        return payment.ToDetails();
    }

    private async Task<ProviderSnapshot?> TryGetAsync(string intentId, CancellationToken cancellationToken)
    {
        try
        {
            return await provider.GetIntentAsync(intentId, cancellationToken);
        }
        catch (ProviderUnavailableException)
        {
            return null;
        }
    }
}
