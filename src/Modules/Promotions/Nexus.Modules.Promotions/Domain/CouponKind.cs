namespace Nexus.Modules.Promotions.Domain;

/// <summary>What a coupon takes off (stored as its number: never renumber).</summary>
internal enum CouponKind
{
    /// <summary>A percentage of the subtotal, 1–100.</summary>
    Percent = 1,

    /// <summary>A fixed amount in the shop's currency, minor units.</summary>
    FixedAmount = 2,
}
