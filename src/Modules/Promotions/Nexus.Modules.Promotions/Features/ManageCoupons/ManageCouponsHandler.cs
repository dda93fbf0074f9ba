using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Promotions.Data;
using Nexus.Modules.Promotions.Domain;

namespace Nexus.Modules.Promotions.Features.ManageCoupons;

internal sealed class ManageCouponsHandler(PromotionsDbContext db, IOptions<PromotionsOptions> options, TimeProvider clock) :
    IRequestHandler<SearchCoupons, CouponListPage>,
    IRequestHandler<GetCoupon, CouponDetails?>,
    IRequestHandler<SaveCoupon, SaveCouponResult>,
    IRequestHandler<DeactivateCoupon, bool>,
    IRequestHandler<DeleteCoupon, DeleteCouponOutcome>
{
    public async Task<CouponListPage> Handle(SearchCoupons request, CancellationToken cancellationToken)
    {
        var page = Math.Clamp(request.Page, 1, 10_000);
        var query = db.Coupons.AsNoTracking();
        var text = request.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            // Codes are stored upper case; descriptions are matched as typed and in lower case (SQLite and PostgreSQL alike).
            var code = text.ToUpperInvariant();
            var lower = text.ToLowerInvariant();
            query = query.Where(c => c.Code.Contains(code) || c.Description.ToLower().Contains(lower));
        }

        var rows = await query
            .OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Code)
            .Skip((page - 1) * SearchCoupons.PageSize)
            .Take(SearchCoupons.PageSize + 1)
            .ToListAsync(cancellationToken);
        return new CouponListPage(
            rows.Take(SearchCoupons.PageSize).Select(c => new CouponRow(c.Id, c.Code, c.Description, c.Offer, c.Active, c.UsedCount, c.UsageCap, c.StartsAt, c.EndsAt)).ToList(),
            page,
            rows.Count > SearchCoupons.PageSize);
    }

    public async Task<CouponDetails?> Handle(GetCoupon request, CancellationToken cancellationToken)
    {
        var coupon = await db.Coupons.AsNoTracking().FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        return coupon is null ? null : new CouponDetails(coupon, await db.Redemptions.CountAsync(r => r.CouponId == coupon.Id, cancellationToken));
    }

    public async Task<SaveCouponResult> Handle(SaveCoupon request, CancellationToken cancellationToken)
    {
        var code = CouponCode.Normalise(request.Code);
        if (await db.Coupons.AnyAsync(c => c.Code == code && c.Id != request.Id, cancellationToken))
        {
            return new SaveCouponResult(request.Id, SaveCouponOutcome.DuplicateCode);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        Coupon? coupon;
        if (request.Id is { } id)
        {
            coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (coupon is null)
            {
                return new SaveCouponResult(id, SaveCouponOutcome.NotFound);
            }
        }
        else
        {
            coupon = new Coupon { Id = Guid.CreateVersion7(), Currency = options.Value.Currency, CreatedAt = now };
            db.Coupons.Add(coupon);
        }

        // UsedCount is left alone: the change tracker writes only what changed here, so a redemption counted at the
        // same moment is never overwritten.
        coupon.Code = code;
        coupon.Description = request.Description.Trim();
        coupon.Kind = request.Kind;
        coupon.PercentOff = request.Kind == CouponKind.Percent ? request.PercentOff : null;
        coupon.AmountOffMinor = request.Kind == CouponKind.FixedAmount ? request.AmountOffMinor : null;
        coupon.StartsAt = request.StartsAt;
        coupon.EndsAt = request.EndsAt;
        coupon.MinimumSubtotalMinor = request.MinimumSubtotalMinor;
        coupon.PerCustomerLimit = request.PerCustomerLimit;
        coupon.UsageCap = request.UsageCap;
        coupon.Active = request.Active;
        coupon.UpdatedAt = now;
        return new SaveCouponResult(coupon.Id, SaveCouponOutcome.Saved);
    }

    public async Task<bool> Handle(DeactivateCoupon request, CancellationToken cancellationToken)
    {
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        if (coupon is null)
        {
            return false;
        }

        coupon.Active = false;
        coupon.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        return true;
    }

    public async Task<DeleteCouponOutcome> Handle(DeleteCoupon request, CancellationToken cancellationToken)
    {
        var coupon = await db.Coupons.FirstOrDefaultAsync(c => c.Id == request.Id, cancellationToken);
        if (coupon is null)
        {
            return DeleteCouponOutcome.NotFound;
        }

        // The foreign key (restrict) refuses it too; this is the answer the admin reads.
        if (await db.Redemptions.AnyAsync(r => r.CouponId == coupon.Id, cancellationToken))
        {
            return DeleteCouponOutcome.HasRedemptions;
        }

        db.Coupons.Remove(coupon);
        return DeleteCouponOutcome.Deleted;
    }
}
