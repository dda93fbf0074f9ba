using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Data;
using Nexus.Modules.Payments.Domain;
using Nexus.Modules.Payments.Provider;
using Nexus.Shared.Web;

namespace Nexus.Modules.Payments.Features.CreatePayment;

/// <summary>
/// Opens a payment and its provider intent (idempotency key: the payment's id). If the provider does not answer, the
/// payment is kept without an intent: confirming it creates the intent with the same key, so at most one exists.
/// </summary>
internal sealed class CreatePaymentHandler : IRequestHandler<Contracts.CreatePayment, PaymentDetails>
{
    private readonly PaymentsDbContext db;
    private readonly IPaymentProvider provider;
    private readonly PaymentSettlement settlement;
    private readonly PublicUrl publicUrl;

    public CreatePaymentHandler(PaymentsDbContext db, IPaymentProvider provider, PaymentSettlement settlement, PublicUrl publicUrl)
    {
        this.db = db;
        this.provider = provider;
        this.settlement = settlement;
        this.publicUrl = publicUrl;
    }

    public async Task<PaymentDetails> Handle(Contracts.CreatePayment request, CancellationToken cancellationToken)
    {
        var currency = request.Currency.ToLowerInvariant();
        // A retried checkout step must not open a second payment for the same order and amount.
        var existing = await db.Payments.Include(p => p.Refunds)
            .Where(p => p.OrderReference == request.OrderReference && p.Amount == request.Amount && p.Currency == currency && p.Status != PaymentStatus.Refunded)
            .OrderByDescending(p => p.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var payment = existing ?? Payment.Open(request.OrderReference, request.Amount, currency, publicUrl.Absolute(request.ReturnPath), settlement.Now);
        if (existing is null)
        {
            db.Payments.Add(payment);
        }

        if (payment.ProviderIntentId is null)
        {
            try
            {
                var intent = await provider.CreateIntentAsync(payment.Amount, payment.Currency, payment.Id.ToString(), payment.ReturnUrl, payment.CreateKey, cancellationToken);
                settlement.Apply(payment, intent, "created");
            }
            catch (ProviderUnavailableException)
            {
                payment.ProviderUnreachable(settlement.Now);
            }
        }

        return payment.ToDetails();
    }
}
