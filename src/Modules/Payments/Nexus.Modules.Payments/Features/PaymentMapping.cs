using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Domain;

namespace Nexus.Modules.Payments.Features;

internal static class PaymentMapping
{
    public static PaymentDetails ToDetails(this Payment p) => new(
        p.Id, p.OrderReference, p.Amount, p.Currency, p.Status, p.AmountRefunded, p.FailureCode, p.FailureMessage, p.ChallengeUrl, p.CardLast4, p.CreatedAt, p.UpdatedAt);
}
