using MediatR;
using Nexus.Modules.Promotions.Contracts;
using Nexus.Modules.Promotions.Data;
using Nexus.Modules.Promotions.Domain;

namespace Nexus.Modules.Promotions.Features.EvaluateCoupon;

/// <summary>The cart's question: would this code apply now, and what would it take off? Reads only.</summary>
internal sealed class EvaluateCouponHandler(PromotionsDbContext db, CouponRules rules, TimeProvider clock) : IRequestHandler<Contracts.EvaluateCoupon, CouponEvaluation>
{
    public async Task<CouponEvaluation> Handle(Contracts.EvaluateCoupon request, CancellationToken cancellationToken)
    {
        var code = CouponCode.Normalise(request.Code);
        var coupon = CouponCode.IsValid(code) ? await db.ByCodeAsync(code, cancellationToken) : null;
        if (coupon is null)
        {
            return CouponRules.Unknown(request.Code).Evaluation;
        }

        var customerKey = request.CustomerKey?.Trim();
        int? uses = string.IsNullOrEmpty(customerKey) ? null : await db.CustomerUsesAsync(coupon.Id, customerKey, cancellationToken);
        return rules.Check(coupon, request.SubtotalMinor, request.Currency, clock.GetUtcNow().UtcDateTime, uses).Evaluation;
    }
}
