namespace Nexus.Modules.Customers.Features.Export;

internal sealed record ExportedAddress(
    Guid Id, string FullName, string Line1, string? Line2, string City, string PostalCode, string? Region, string CountryCode, string? Phone,
    bool IsDefaultShipping, bool IsDefaultBilling, DateTime CreatedAt);
