namespace Nexus.Modules.Promotions.Domain;

/// <summary>
/// A coupon code the shop hands out. <see cref="UsedCount"/> is the number of redemptions not given back; it is
/// changed only by the conditional updates in the redeem and release handlers (never through the change tracker), so
/// the cap holds under concurrency (docs/decisions/0021).
/// </summary>
internal sealed class Coupon
{
    public const int DescriptionMaxLength = 200;

    /// <summary>Upper bound for a fixed amount and a minimum subtotal (999,999.99), so sums stay far from overflow.</summary>
    public const long MaxAmountMinor = 99_999_999;

    public Guid Id { get; set; }

    /// <summary>Normalised (<see cref="CouponCode.Normalise"/>), unique.</summary>
    public string Code { get; set; } = string.Empty;

    public string Description { get; set; } = string.Empty;

    public CouponKind Kind { get; set; }

    /// <summary>1–100 when <see cref="Kind"/> is <see cref="CouponKind.Percent"/>, otherwise null.</summary>
    public int? PercentOff { get; set; }

    /// <summary>Minor units of <see cref="Currency"/> when <see cref="Kind"/> is <see cref="CouponKind.FixedAmount"/>, otherwise null.</summary>
    public long? AmountOffMinor { get; set; }

    /// <summary>The shop's currency when the coupon was made; a cart in another currency gets no discount.</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>UTC; null = valid from its creation.</summary>
    public DateTime? StartsAt { get; set; }

    /// <summary>UTC, exclusive; null = never expires.</summary>
    public DateTime? EndsAt { get; set; }

    public long MinimumSubtotalMinor { get; set; }

    /// <summary>Uses one customer may make (redemptions not given back); null = no limit.</summary>
    public int? PerCustomerLimit { get; set; }

    /// <summary>Uses in all (redemptions not given back); null = no cap.</summary>
    public int? UsageCap { get; set; }

    public int UsedCount { get; set; }

    public bool Active { get; set; } = true;

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>What the shopper reads when it applies: "10% off", "$5.00 off".</summary>
    public string Offer => Kind == CouponKind.Percent
        ? $"{PercentOff}% off"
        : $"{Shared.Globalization.Money.Format(AmountOffMinor ?? 0, Currency)} off";
}
