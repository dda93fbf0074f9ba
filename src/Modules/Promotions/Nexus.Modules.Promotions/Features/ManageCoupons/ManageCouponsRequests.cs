using Nexus.Modules.Promotions.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Promotions.Features.ManageCoupons;

/// <summary>The back office's coupon list: newest first, 50 a page, searched by code or description.</summary>
internal sealed record SearchCoupons(string? Text, int Page) : IQuery<CouponListPage>
{
    public const int PageSize = 50;
}

internal sealed record CouponListPage(IReadOnlyList<CouponRow> Coupons, int Page, bool HasMore);

internal sealed record CouponRow(Guid Id, string Code, string Description, string Offer, bool Active, int UsedCount, int? UsageCap, DateTime? StartsAt, DateTime? EndsAt);

/// <summary>One coupon for its editor, with how many redemptions it has (any: then it can only be deactivated).</summary>
internal sealed record GetCoupon(Guid Id) : IQuery<CouponDetails?>;

internal sealed record CouponDetails(Coupon Coupon, int Redemptions);

/// <summary>
/// Creates (<see cref="Id"/> null) or changes a coupon. Dates are UTC (the page converts from the shop's time zone).
/// The used count is never written here: only redemptions move it.
/// </summary>
internal sealed record SaveCoupon(
    Guid? Id,
    string Code,
    string Description,
    CouponKind Kind,
    int? PercentOff,
    long? AmountOffMinor,
    DateTime? StartsAt,
    DateTime? EndsAt,
    long MinimumSubtotalMinor,
    int? PerCustomerLimit,
    int? UsageCap,
    bool Active) : ICommand<SaveCouponResult>;

internal enum SaveCouponOutcome
{
    Saved,
    NotFound,
    DuplicateCode,
}

internal sealed record SaveCouponResult(Guid? Id, SaveCouponOutcome Outcome);

/// <summary>Stops a coupon from applying anywhere from now on; its redemptions stay.</summary>
internal sealed record DeactivateCoupon(Guid Id) : ICommand<bool>;

/// <summary>Deletes a coupon that was never used; one with redemptions can only be deactivated.</summary>
internal sealed record DeleteCoupon(Guid Id) : ICommand<DeleteCouponOutcome>;

internal enum DeleteCouponOutcome
{
    Deleted,
    NotFound,
    HasRedemptions,
}
