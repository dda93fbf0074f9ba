using MediatR;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Provider;

namespace Nexus.Modules.Payments.Features.RefreshPayment;

/// <summary>Asks the provider where a payment stands (the shopper is back from the challenge page before the webhook).</summary>
internal sealed class RefreshPaymentHandler : IRequestHandler<Contracts.RefreshPayment, PaymentDetails?>
{
    private readonly IPaymentProvider provider;
    private readonly PaymentSettlement settlement;

    public RefreshPaymentHandler(IPaymentProvider provider, PaymentSettlement settlement)
    {
        this.provider = provider;
        this.settlement = settlement;
    }

    public async Task<PaymentDetails?> Handle(Contracts.RefreshPayment request, CancellationToken cancellationToken)
    {
        var payment = await settlement.FindAsync(request.PaymentId, cancellationToken);
        if (payment?.ProviderIntentId is not { } intentId)
        {
            return payment?.ToDetails();
        }

        try
        {
            var intent = await provider.GetIntentAsync(intentId, cancellationToken);
            await settlement.ReloadAsync(payment, cancellationToken);
            settlement.Reconcile(payment, intent, "refresh");
        }
        catch (ProviderUnavailableException)
        {
            // What the shop knows stands; the webhook or reconciliation brings the rest.
        }

        return payment.ToDetails();
    }
}
