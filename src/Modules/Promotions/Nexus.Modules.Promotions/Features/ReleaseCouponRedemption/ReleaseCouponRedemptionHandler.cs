using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Promotions.Data;

namespace Nexus.Modules.Promotions.Features.ReleaseCouponRedemption;

/// <summary>
/// Gives an order's use of a code back. The redemption is stamped released with a conditional update (only the first of
/// any number of releases changes it) and only that one takes one off the coupon's count, in one transaction, so a
/// release repeated or raced never gives back more than was taken (docs/decisions/0021).
/// </summary>
internal sealed class ReleaseCouponRedemptionHandler(PromotionsDbContext db, TimeProvider clock) : IRequestHandler<Contracts.ReleaseCouponRedemption, bool>
{
    public async Task<bool> Handle(Contracts.ReleaseCouponRedemption request, CancellationToken cancellationToken)
    {
        var orderReference = request.OrderReference.Trim();
        var redemption = await db.Redemptions.AsNoTracking()
            .Where(r => r.OrderReference == orderReference)
            .Select(r => new { r.Id, r.CouponId, r.ReleasedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (redemption is null)
        {
            return false;
        }

        if (redemption.ReleasedAt is not null)
        {
            return true;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var released = await db.Redemptions
            .Where(r => r.Id == redemption.Id && r.ReleasedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReleasedAt, now), cancellationToken);
        if (released == 1)
        {
            await db.Coupons
                .Where(c => c.Id == redemption.CouponId && c.UsedCount > 0)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedCount, c => c.UsedCount - 1), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
