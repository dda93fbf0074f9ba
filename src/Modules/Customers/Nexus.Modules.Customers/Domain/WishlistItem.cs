namespace Nexus.Modules.Customers.Domain;

/// <summary>A product a shopper saved for later (the product's facts stay in Catalog).</summary>
internal sealed class WishlistItem
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string UserId { get; init; }

    public Guid ProductId { get; init; }

    public DateTime AddedAt { get; init; }
}
