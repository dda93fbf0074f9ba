namespace Nexus.Modules.Catalog.Domain;

/// <summary>Shows integer minor units as a price a shopper reads: 129900 EUR → "€1,299.00" (the shop's one formatter, <see cref="Shared.Globalization.Money"/>).</summary>
internal static class Money
{
    public static string Format(long minor, string currency) => Shared.Globalization.Money.Format(minor, currency);
}
