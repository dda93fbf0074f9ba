using System.Globalization;

namespace Nexus.Shared.Web;

/// <summary>
/// Shows integer minor units as a price a shopper reads: 129900 EUR → "€1,299.00". The one formatter of the shop
/// (moved here from Catalog so that Ordering's pages and e-mails show prices exactly as the catalog does).
/// </summary>
public static class Prices
{
    public static string Format(long minor, string currency)
    {
        ArgumentNullException.ThrowIfNull(currency);
        var symbol = currency.ToUpperInvariant() switch
        {
            "EUR" => "€",
            "USD" => "$",
            "GBP" => "£",
            _ => currency + " ",
        };
        var sign = minor < 0 ? "−" : string.Empty;
        return sign + symbol + (Math.Abs(minor) / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
    }
}
