using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Customers.Features.Wishlist;

/// <summary>Saves a product for later; false when Catalog does not know it. Adding twice is harmless.</summary>
internal sealed record AddToWishlist(string UserId, Guid ProductId) : ICommand<bool>;
