using System.Globalization;

namespace Nexus.Modules.Catalog.Domain;

/// <summary>Shows integer minor units as a price a shopper reads: 129900 EUR → "€1,299.00".</summary>
internal static class Money
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
