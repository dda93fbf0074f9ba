using System.Globalization;
using Nexus.Modules.Promotions.Contracts;
using Nexus.Shared.Globalization;

namespace Nexus.Modules.Promotions.Domain;

/// <summary>
/// Whether a coupon applies to a subtotal now, what it takes off, and the shopper's message either way — one place,
/// used by evaluation (the cart) and by redemption (checkout), so both say the same thing. Dates are shown in the shop's
/// time zone ("expired on 1 December 2026"), money with the shop's one formatter.
/// </summary>
internal sealed class CouponRules(TimeZoneInfo shopTimeZone)
{
    /// <param name="customerUses">The customer's redemptions of this coupon not given back, or null when the customer
    /// is not known yet (the per-customer limit is then checked at redemption).</param>
    /// <param name="countCap">False when the caller enforces the cap itself, atomically (redemption).</param>
    public CouponCheck Check(Coupon coupon, long subtotalMinor, string currency, DateTime nowUtc, int? customerUses, bool countCap = true)
    {
        ArgumentNullException.ThrowIfNull(coupon);
        var code = coupon.Code;
        if (!coupon.Active)
        {
            return Inactive(coupon);
        }

        if (coupon.StartsAt is { } starts && nowUtc < starts)
        {
            return Refuse(coupon, CouponRefusal.NotStarted, $"The code {code} can be used from {ShopDate(starts)}.");
        }

        if (coupon.EndsAt is { } ends && nowUtc >= ends)
        {
            return Refuse(coupon, CouponRefusal.Expired, $"The code {code} expired on {ShopDate(ends.AddTicks(-1))}.");
        }

        if (!string.Equals(coupon.Currency, currency, StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(coupon, CouponRefusal.WrongCurrency, $"The code {code} is for orders in {coupon.Currency}.");
        }

        if (subtotalMinor < coupon.MinimumSubtotalMinor)
        {
            return Refuse(coupon, CouponRefusal.MinimumNotReached,
                $"Spend at least {Money.Format(coupon.MinimumSubtotalMinor, coupon.Currency)} to use the code {code} (your subtotal is {Money.Format(Math.Max(0, subtotalMinor), coupon.Currency)}).");
        }

        if (countCap && coupon.UsageCap is { } cap && coupon.UsedCount >= cap)
        {
            return UsedUp(coupon);
        }

        if (customerUses is { } uses && coupon.PerCustomerLimit is { } limit && uses >= limit)
        {
            return AlreadyUsed(coupon);
        }

        var discount = Discount.For(coupon.Kind, coupon.PercentOff, coupon.AmountOffMinor, subtotalMinor);
        if (discount <= 0)
        {
            return Refuse(coupon, CouponRefusal.NothingToDiscount, $"The code {code} takes something off once your cart has something in it.");
        }

        return new CouponCheck(CouponRefusal.None, new CouponEvaluation(true, code, discount, $"{code}: {coupon.Offer} (−{Money.Format(discount, coupon.Currency)})."));
    }

    public static CouponCheck Unknown(string typed)
    {
        // Only a plausible code is echoed back; anything else is not worth showing (and may be a paste of something else).
        var shown = typed.Trim();
        var normalised = CouponCode.Normalise(typed);
        return CouponCode.IsValid(normalised)
            ? new CouponCheck(CouponRefusal.Unknown, new CouponEvaluation(false, normalised, 0, $"We don't know the code {normalised}. Check it and try again."))
            : new CouponCheck(CouponRefusal.Unknown, new CouponEvaluation(false, shown.Length > CouponCode.MaxLength ? shown[..CouponCode.MaxLength] : shown, 0,
                $"That is not a code we know. Codes are {CouponCode.Rule}"));
    }

    public static CouponCheck Inactive(Coupon coupon) =>
        Refuse(coupon, CouponRefusal.Inactive, $"The code {coupon.Code} is no longer active.");

    public static CouponCheck UsedUp(Coupon coupon) =>
        Refuse(coupon, CouponRefusal.UsedUp, $"The code {coupon.Code} has been used up.");

    public static CouponCheck AlreadyUsed(Coupon coupon) =>
        Refuse(coupon, CouponRefusal.AlreadyUsedByCustomer, coupon.PerCustomerLimit is 1 or null
            ? $"You have already used the code {coupon.Code}."
            : $"You have already used the code {coupon.Code} {coupon.PerCustomerLimit} times, the most it allows.");

    /// <summary>A UTC moment as the shop's calendar date, e.g. "1 December 2026".</summary>
    public string ShopDate(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), shopTimeZone).ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static CouponCheck Refuse(Coupon coupon, CouponRefusal refusal, string message) =>
        new(refusal, new CouponEvaluation(false, coupon.Code, 0, message));
}

/// <summary>A rule check's outcome: the reason (for tests and logs) and the shopper's answer.</summary>
internal sealed record CouponCheck(CouponRefusal Refusal, CouponEvaluation Evaluation);
