using System.ComponentModel.DataAnnotations;
using Nexus.Modules.Promotions.Domain;

namespace Nexus.Modules.Promotions.Pages.Admin.Coupons;

/// <summary>The coupon editor's form: amounts in major units (5.00), dates in the shop's time zone.</summary>
internal sealed class CouponInput
{
    [Display(Name = "Code")]
    public string Code { get; set; } = string.Empty;

    [Display(Name = "Description")]
    public string Description { get; set; } = string.Empty;

    [Display(Name = "Takes off")]
    public CouponKind Kind { get; set; } = CouponKind.Percent;

    [Display(Name = "Percent off")]
    public int? PercentOff { get; set; }

    [Display(Name = "Amount off")]
    public decimal? AmountOff { get; set; }

    [Display(Name = "Minimum order subtotal")]
    public decimal? MinimumSubtotal { get; set; }

    [Display(Name = "Starts")]
    [DataType(DataType.DateTime)]
    public DateTime? StartsAt { get; set; }

    [Display(Name = "Ends")]
    [DataType(DataType.DateTime)]
    public DateTime? EndsAt { get; set; }

    [Display(Name = "Uses per customer")]
    public int? PerCustomerLimit { get; set; }

    [Display(Name = "Total uses (cap)")]
    public int? UsageCap { get; set; }

    [Display(Name = "Active")]
    public bool Active { get; set; } = true;

    public static CouponInput From(Coupon coupon, TimeZoneInfo zone) => new()
    {
        Code = coupon.Code,
        Description = coupon.Description,
        Kind = coupon.Kind,
        PercentOff = coupon.PercentOff,
        AmountOff = coupon.AmountOffMinor / 100m,
        MinimumSubtotal = coupon.MinimumSubtotalMinor / 100m,
        StartsAt = coupon.StartsAt is { } s ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(s, DateTimeKind.Utc), zone) : null,
        EndsAt = coupon.EndsAt is { } e ? TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(e, DateTimeKind.Utc), zone) : null,
        PerCustomerLimit = coupon.PerCustomerLimit,
        UsageCap = coupon.UsageCap,
        Active = coupon.Active,
    };

    /// <summary>
    /// Major units to minor units, or an error for the field: more than two decimals, or beyond what any coupon may hold
    /// (the command's validator then has the last word on the range).
    /// </summary>
    public static long? ToMinor(decimal? major, string field, IDictionary<string, string> errors)
    {
        if (major is not { } value)
        {
            return null;
        }

        if (decimal.Round(value, 2) != value)
        {
            errors[field] = "Use at most two decimals, e.g. 5.00.";
            return null;
        }

        if (value < 0 || value > Coupon.MaxAmountMinor / 100m)
        {
            errors[field] = "Enter an amount from 0.00 to 999,999.99.";
            return null;
        }

        return (long)(value * 100);
    }

    /// <summary>A wall-clock time in the shop's zone as UTC; null and an error when that time does not exist there (a DST gap).</summary>
    public static DateTime? ToUtc(DateTime? local, TimeZoneInfo zone, string field, IDictionary<string, string> errors)
    {
        if (local is not { } value)
        {
            return null;
        }

        var unspecified = DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(unspecified))
        {
            errors[field] = "That time does not exist in the shop's time zone (the clocks skip it).";
            return null;
        }

        return TimeZoneInfo.ConvertTimeToUtc(unspecified, zone);
    }
}
