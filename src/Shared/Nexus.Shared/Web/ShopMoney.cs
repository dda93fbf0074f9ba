using System.Globalization;

namespace Nexus.Shared.Web;

/// <summary>
/// Shows integer minor units as a price a shopper reads: 129900 EUR → "€1,299.00". The one formatter for every module
/// (Catalog's <c>Money</c> delegates here; the cart and checkout use it directly), so a price reads the same everywhere.
/// </summary>
public static class ShopMoney
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
        var sign = minor < 0 ? "-" : string.Empty;
        return sign + symbol + (Math.Abs((decimal)minor) / 100m).ToString("#,##0.00", CultureInfo.InvariantCulture);
    }
}
