namespace Nexus.Modules.Customers.Contracts;

/// <summary>An address to ship or bill to, as a shopper writes it.</summary>
/// <param name="CountryCode">ISO 3166-1 alpha-2, upper case.</param>
public sealed record PostalAddress(
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string? Region,
    string CountryCode,
    string? Phone);
