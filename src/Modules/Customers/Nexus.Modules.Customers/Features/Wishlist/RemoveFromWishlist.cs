using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Wishlist;

/// <summary>Removes a product from the shopper's own wishlist; false when it is not on it.</summary>
internal sealed record RemoveFromWishlist(string UserId, Guid ProductId) : ICommand<bool>;
