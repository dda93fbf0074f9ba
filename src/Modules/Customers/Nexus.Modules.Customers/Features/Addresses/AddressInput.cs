namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>The fields of an address form.</summary>
internal sealed record AddressInput(
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string? Region,
    string CountryCode,
    string? Phone,
    bool IsDefaultShipping,
    bool IsDefaultBilling);
