using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Promotions.Data;
using Nexus.Modules.Promotions.Domain;

namespace Nexus.Modules.Promotions.Features;

/// <summary>Reads the slices share: a coupon by its code, and a customer's uses of it that were not given back.</summary>
internal static class CouponLookup
{
    public static Task<Coupon?> ByCodeAsync(this PromotionsDbContext db, string normalisedCode, CancellationToken cancellationToken) =>
        db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Code == normalisedCode, cancellationToken);

    public static Task<int> CustomerUsesAsync(this PromotionsDbContext db, Guid couponId, string customerKey, CancellationToken cancellationToken) =>
        db.Redemptions.AsNoTracking().CountAsync(r => r.CouponId == couponId && r.CustomerKey == customerKey && r.ReleasedAt == null, cancellationToken);
}
