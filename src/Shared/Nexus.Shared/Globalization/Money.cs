using System.Globalization;

namespace Nexus.Shared.Globalization;

/// <summary>
/// Shows integer minor units as a price a shopper reads: 129900 EUR → "€1,299.00". One formatter for every module
/// that shows money (Catalog's prices, Promotions' coupon messages), so a shopper sees one way of writing an amount.
/// </summary>
public static class Money
{
    public static string Format(long minor, string currency)
    {
        var symbol = currency switch
        {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            _ => currency + " ",
        };
        return symbol + (minor / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
    }
}
