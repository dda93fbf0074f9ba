using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Data;
using Nexus.Modules.Payments.Domain;
using Nexus.Modules.Payments.Provider;

namespace Nexus.Modules.Payments.Features.Reconciliation;

/// <summary>
/// The safety net behind the webhook: a payment whose card was sent but whose answer never came (timeout) is looked
/// up at the provider and settled; a refund whose answer never came is sent again with its idempotency key (the
/// provider answers with the refund it made, or makes it now). At most 50 of each per run, oldest first.
/// </summary>
internal sealed class ReconcilePaymentsHandler : IRequestHandler<ReconcilePayments, ReconciliationReport>
{
    private const int BatchSize = 50;

    private readonly PaymentsDbContext db;
    private readonly IPaymentProvider provider;
    private readonly PaymentSettlement settlement;
    private readonly IOptions<PaymentsOptions> options;

    public ReconcilePaymentsHandler(PaymentsDbContext db, IPaymentProvider provider, PaymentSettlement settlement, IOptions<PaymentsOptions> options)
    {
        this.db = db;
        this.provider = provider;
        this.settlement = settlement;
        this.options = options;
    }

    public async Task<ReconciliationReport> Handle(ReconcilePayments request, CancellationToken cancellationToken)
    {
        var cutoff = settlement.Now - options.Value.ReconcileAfter;
        var (checkedCount, settled, refunds, unanswered) = (0, 0, 0, 0);

        var processing = await db.Payments.Include(p => p.Refunds)
            .Where(p => p.Status == PaymentStatus.Processing && p.UpdatedAt <= cutoff && p.ProviderIntentId != null)
            .OrderBy(p => p.UpdatedAt).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var payment in processing)
        {
            checkedCount++;
            try
            {
                var intent = await provider.GetIntentAsync(payment.ProviderIntentId!, cancellationToken);
                if (settlement.Reconcile(payment, intent, "reconciliation").Applied)
                {
                    settled++;
                }
            }
            catch (ProviderUnavailableException)
            {
                unanswered++;
            }
        }

        var pending = await db.Refunds.Where(r => r.Status == RefundStatus.Pending && r.CreatedAt <= cutoff)
            .OrderBy(r => r.CreatedAt).Take(BatchSize).Select(r => r.PaymentId).Distinct().ToListAsync(cancellationToken);
        foreach (var paymentId in pending)
        {
            var payment = processing.FirstOrDefault(p => p.Id == paymentId) ?? await settlement.FindAsync(paymentId, cancellationToken);
            if (payment?.ProviderIntentId is not { } intentId)
            {
                continue;
            }

            foreach (var refund in payment.Refunds.Where(r => r.Status == RefundStatus.Pending && r.CreatedAt <= cutoff).ToList())
            {
                try
                {
                    var answer = await provider.RefundAsync(intentId, refund.Amount, refund.Id.ToString(), refund.IdempotencyKey, cancellationToken);
                    settlement.Apply(payment, answer.Intent, "reconciliation");
                    if (settlement.RefundSucceeded(payment, refund, answer.Refund.Id))
                    {
                        refunds++;
                    }
                }
                catch (ProviderUnavailableException)
                {
                    unanswered++;
                }
                catch (ProviderRefusedException)
                {
                    refund.Refused(settlement.Now);
                }
            }
        }

        return new ReconciliationReport(checkedCount, settled, refunds, unanswered);
    }
}
