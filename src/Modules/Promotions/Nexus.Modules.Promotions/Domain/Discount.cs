namespace Nexus.Modules.Promotions.Domain;

/// <summary>The discount arithmetic: what a coupon takes off a subtotal, in minor units.</summary>
internal static class Discount
{
    /// <summary>
    /// Rounds in the shopper's favour (a percentage's fraction of a minor unit goes up: 10% of 9.99 is 1.00, not 0.99)
    /// and never takes off more than the subtotal, so the order's total can never go below its tax and shipping.
    /// A subtotal of zero or less gets no discount.
    /// </summary>
    public static long For(CouponKind kind, int? percentOff, long? amountOffMinor, long subtotalMinor)
    {
        if (subtotalMinor <= 0)
        {
            return 0;
        }

        long raw = kind switch
        {
            // Int128: subtotal × 100 must not overflow for any long subtotal.
            CouponKind.Percent => (long)((((Int128)subtotalMinor * Math.Clamp(percentOff ?? 0, 0, 100)) + 99) / 100),
            CouponKind.FixedAmount => Math.Max(0, amountOffMinor ?? 0),
            _ => 0,
        };
        return Math.Min(raw, subtotalMinor);
    }
}
