using System.Globalization;

namespace Nexus.Modules.Cart.Pages.Admin.Settings;

/// <summary>The settings form as Admin types it: a percentage and amounts in the shop's currency ("5.99").</summary>
internal sealed class CheckoutSettingsInput
{
    public string? TaxRatePercent { get; set; }

    public string? FreeShippingThreshold { get; set; }

    public string? StandardShipping { get; set; }

    public string? ExpressShipping { get; set; }

    /// <summary>"10", "7.25" → basis points (at most two decimals); null when it is not such a number.</summary>
    public static int? ParsePercent(string? text) =>
        decimal.TryParse(text?.Trim().TrimEnd('%'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent * 100 == decimal.Truncate(percent * 100) && percent <= 1000
            ? (int)(percent * 100)
            : null;

    /// <summary>"5.99" → 599 (at most two decimals, not negative); null when it is not such an amount.</summary>
    public static long? ParseAmount(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var amount) && amount * 100 == decimal.Truncate(amount * 100) && amount < 100_000_000m
            ? (long)(amount * 100)
            : null;

    public static string Percent(int basisPoints) => (basisPoints / 100m).ToString("0.##", CultureInfo.InvariantCulture);

    public static string Amount(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
