namespace Nexus.Modules.Customers.Contracts;

/// <summary>
/// The countries the shop ships to (ISO 3166-1 alpha-2, upper case), in the order the forms list them. One list for the
/// account's address book and checkout, so an address saved in one is always accepted by the other.
/// </summary>
public static class ShippingCountries
{
    public static readonly IReadOnlyList<ShippingCountry> All =
    [
        new("GB", "United Kingdom"), new("IE", "Ireland"), new("DE", "Germany"), new("FR", "France"), new("NL", "Netherlands"),
        new("BE", "Belgium"), new("ES", "Spain"), new("IT", "Italy"), new("AT", "Austria"), new("CH", "Switzerland"),
        new("SE", "Sweden"), new("DK", "Denmark"), new("PL", "Poland"), new("US", "United States"), new("CA", "Canada"),
        new("AU", "Australia"),
    ];

    private static readonly HashSet<string> Codes = All.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);

    /// <summary>True for an upper-case code of a country on the list (callers normalise case first).</summary>
    public static bool IsShippedTo(string? code) => code is not null && Codes.Contains(code);
}

public sealed record ShippingCountry(string Code, string Name);
