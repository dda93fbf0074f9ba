using System.Globalization;

namespace Nexus.Modules.Ordering.Pages.Admin.Orders;

/// <summary>An amount typed by a member of staff ("12.50", "12") as minor units; null when it is not one.</summary>
internal static class MoneyInput
{
    public static long? ParseMinor(string? text)
    {
        var value = text?.Trim().TrimStart('$', '€', '£').Trim();
        if (string.IsNullOrEmpty(value)
            || !decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || amount <= 0 || amount > 100_000_000m || decimal.Round(amount, 2) != amount)
        {
            return null;
        }

        return (long)(amount * 100m);
    }

    public static string Format(long minor) => (minor / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
