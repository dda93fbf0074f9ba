using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Wishlist;

/// <summary>The shopper's wishlist with today's product facts from Catalog.</summary>
internal sealed record GetWishlist(string UserId) : IQuery<IReadOnlyList<WishlistLine>>;
