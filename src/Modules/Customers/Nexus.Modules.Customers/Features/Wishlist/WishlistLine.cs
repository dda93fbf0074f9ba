namespace Nexus.Modules.Customers.Features.Wishlist;

/// <summary>A wishlist entry; <see cref="Name"/> is null when Catalog no longer has the product.</summary>
internal sealed record WishlistLine(Guid ProductId, string? Name, long? PriceMinor, string? Currency, DateTime AddedAt);
