namespace Nexus.Modules.Customers.Domain;

/// <summary>One entry of a shopper's address book. At most one is the default for shipping, one for billing.</summary>
internal sealed class Address
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string UserId { get; init; }

    public required string FullName { get; set; }

    public required string Line1 { get; set; }

    public string? Line2 { get; set; }

    public required string City { get; set; }

    public required string PostalCode { get; set; }

    public string? Region { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public required string CountryCode { get; set; }

    public string? Phone { get; set; }

    public bool IsDefaultShipping { get; set; }

    public bool IsDefaultBilling { get; set; }

    public DateTime CreatedAt { get; init; }
}
