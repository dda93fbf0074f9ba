using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Promotions.Contracts;
using Nexus.Modules.Promotions.Data;
using Nexus.Modules.Promotions.Domain;

namespace Nexus.Modules.Promotions.Features.RedeemCoupon;

/// <summary>
/// Uses a code up for an order. Unlike most commands this one commits itself, in its own short transaction, because the
/// cap must be decided by the database, not by what this request read a moment earlier (docs/decisions/0021):
/// <list type="number">
/// <item>one conditional <c>UPDATE coupons SET UsedCount = UsedCount + 1 WHERE Id = @id AND Active AND (UsageCap IS NULL
/// OR UsedCount &lt; UsageCap)</c> — zero rows means used up (or just deactivated), whatever other checkouts are doing;</item>
/// <item>that update holds the coupon row's lock (PostgreSQL) or the database's writer lock (SQLite, single writer) until
/// the commit, so every redemption of the coupon is serialised from here on: the count of this customer's uses that
/// follows sees every redemption committed before it, and the per-customer limit holds too;</item>
/// <item>the redemption row (order reference unique) is inserted, and the transaction commits — or rolls back, giving
/// the use back, when the limit is reached.</item>
/// </list>
/// A second request for the same order answers the first outcome; two at once collide on the unique order reference,
/// and the loser reads the winner's redemption.
/// </summary>
internal sealed class RedeemCouponHandler(PromotionsDbContext db, CouponRules rules, TimeProvider clock) : IRequestHandler<Contracts.RedeemCoupon, CouponEvaluation>
{
    private const int MaxAttempts = 3;

    public async Task<CouponEvaluation> Handle(Contracts.RedeemCoupon request, CancellationToken cancellationToken)
    {
        var code = CouponCode.Normalise(request.Code);
        var orderReference = request.OrderReference.Trim();
        var customerKey = request.CustomerKey.Trim();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RedeemAsync(request, code, orderReference, customerKey, cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // Another request for this order inserted its redemption first: the next round answers with it.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<CouponEvaluation> RedeemAsync(Contracts.RedeemCoupon request, string code, string orderReference, string customerKey, CancellationToken cancellationToken)
    {
        var existing = await db.Redemptions.AsNoTracking().FirstOrDefaultAsync(r => r.OrderReference == orderReference, cancellationToken);
        if (existing is { Released: false })
        {
            return await FirstOutcomeAsync(existing, code, cancellationToken);
        }

        var coupon = CouponCode.IsValid(code) ? await db.ByCodeAsync(code, cancellationToken) : null;
        if (coupon is null)
        {
            return CouponRules.Unknown(request.Code).Evaluation;
        }

        // Everything but the two limits, which only the transaction below can decide.
        var now = clock.GetUtcNow().UtcDateTime;
        var check = rules.Check(coupon, request.SubtotalMinor, request.Currency, now, customerUses: null, countCap: false);
        if (!check.Evaluation.Applies)
        {
            return check.Evaluation;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var counted = await db.Coupons
            .Where(c => c.Id == coupon.Id && c.Active && (c.UsageCap == null || c.UsedCount < c.UsageCap))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount + 1), cancellationToken);
        if (counted == 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            // Zero rows: the cap is reached, or an admin deactivated the coupon since it was read.
            var active = await db.Coupons.AsNoTracking().Where(c => c.Id == coupon.Id).Select(c => c.Active).FirstOrDefaultAsync(cancellationToken);
            return (active ? CouponRules.UsedUp(coupon) : CouponRules.Inactive(coupon)).Evaluation;
        }

        if (coupon.PerCustomerLimit is { } limit && await db.CustomerUsesAsync(coupon.Id, customerKey, cancellationToken) >= limit)
        {
            await transaction.RollbackAsync(cancellationToken);
            return CouponRules.AlreadyUsed(coupon).Evaluation;
        }

        var discount = check.Evaluation.DiscountMinor;
        if (existing is not null)
        {
            // The order gave its use back (payment failed) and is being paid again: the same row counts again.
            var reused = await db.Redemptions
                .Where(r => r.Id == existing.Id && r.ReleasedAt != null)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(r => r.CouponId, coupon.Id)
                        .SetProperty(r => r.CustomerKey, customerKey)
                        .SetProperty(r => r.DiscountMinor, discount)
                        .SetProperty(r => r.Currency, coupon.Currency)
                        .SetProperty(r => r.RedeemedAt, now)
                        .SetProperty(r => r.ReleasedAt, (DateTime?)null),
                    cancellationToken);
            if (reused == 0)
            {
                // Someone redeemed it again in between: roll back our count and answer with theirs.
                await transaction.RollbackAsync(cancellationToken);
                throw new DbUpdateException("The order's redemption changed while it was being redeemed again.");
            }
        }
        else
        {
            db.Redemptions.Add(new CouponRedemption
            {
                Id = Guid.CreateVersion7(),
                CouponId = coupon.Id,
                OrderReference = orderReference,
                CustomerKey = customerKey,
                DiscountMinor = discount,
                Currency = coupon.Currency,
                RedeemedAt = now,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return check.Evaluation;
    }

    /// <summary>The order already holds a redemption: the same answer as the first time, or why this code cannot join it.</summary>
    private async Task<CouponEvaluation> FirstOutcomeAsync(CouponRedemption existing, string code, CancellationToken cancellationToken)
    {
        var coupon = await db.Coupons.AsNoTracking().FirstAsync(c => c.Id == existing.CouponId, cancellationToken);
        if (coupon.Code != code)
        {
            return new CouponEvaluation(false, CouponCode.IsValid(code) ? code : coupon.Code, 0, $"This order already uses the code {coupon.Code}; an order takes one code.");
        }

        return new CouponEvaluation(true, coupon.Code, existing.DiscountMinor,
            $"{coupon.Code}: {coupon.Offer} (−{Shared.Globalization.Money.Format(existing.DiscountMinor, existing.Currency)}).");
    }
}
