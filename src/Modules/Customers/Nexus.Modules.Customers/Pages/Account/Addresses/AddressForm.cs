using Nexus.Modules.Customers.Domain;
using Nexus.Modules.Customers.Features.Addresses;

namespace Nexus.Modules.Customers.Pages.Account.Addresses;

/// <summary>The address form's fields, as posted.</summary>
internal sealed class AddressForm
{
    public string? FullName { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? City { get; set; }

    public string? PostalCode { get; set; }

    public string? Region { get; set; }

    public string? CountryCode { get; set; } = "GB";

    public string? Phone { get; set; }

    public bool IsDefaultShipping { get; set; }

    public bool IsDefaultBilling { get; set; }

    public static AddressForm From(Address a) => new()
    {
        FullName = a.FullName, Line1 = a.Line1, Line2 = a.Line2, City = a.City, PostalCode = a.PostalCode, Region = a.Region,
        CountryCode = a.CountryCode, Phone = a.Phone, IsDefaultShipping = a.IsDefaultShipping, IsDefaultBilling = a.IsDefaultBilling,
    };

    public AddressInput ToInput() => new(FullName ?? string.Empty, Line1 ?? string.Empty, Line2, City ?? string.Empty, PostalCode ?? string.Empty, Region, CountryCode ?? string.Empty, Phone, IsDefaultShipping, IsDefaultBilling);
}
