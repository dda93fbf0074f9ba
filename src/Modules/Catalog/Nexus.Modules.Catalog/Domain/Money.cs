namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// Catalog's name for the shop's one price formatter, <see cref="Nexus.Shared.Web.Prices"/> (kept so the catalog's
/// pages need no edit; the formatting lives there).
/// </summary>
internal static class Money
{
    public static string Format(long minor, string currency) => Nexus.Shared.Web.Prices.Format(minor, currency);
}
