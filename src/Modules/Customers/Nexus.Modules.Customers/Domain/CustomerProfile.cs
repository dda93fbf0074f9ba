namespace Nexus.Modules.Customers.Domain;

/// <summary>What a shopper tells us about themselves. Keyed by the Identity user id; created on first save.</summary>
internal sealed class CustomerProfile
{
    public required string UserId { get; init; }

    public string? DisplayName { get; set; }

    public string? Phone { get; set; }

    public DateTime UpdatedAt { get; set; }
}
