using Nexus.Modules.Cart.Contracts;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Cart.Features.ChangeCart;

/// <summary>Adds a quantity of a catalog variant to the owner's cart (creating the cart), capped by stock and the per-line cap.</summary>
internal sealed record AddToCart(CartOwner Owner, Guid VariantId, int Quantity) : ICommand<CartChange>;

/// <summary>Sets a line's quantity (0 removes it), capped by stock. Only a line of the owner's own cart is found.</summary>
internal sealed record ChangeCartQuantity(CartOwner Owner, Guid LineId, int Quantity) : ICommand<CartChange>;

/// <summary>Removes a line of the owner's own cart.</summary>
internal sealed record RemoveFromCart(CartOwner Owner, Guid LineId) : ICommand<CartChange>;

/// <summary>Applies a discount code if Promotions says it applies to the cart now; otherwise says why not and keeps the cart as it was.</summary>
internal sealed record ApplyCouponToCart(CartOwner Owner, string Code) : ICommand<CartChange>;

/// <summary>Takes the discount code off the cart.</summary>
internal sealed record RemoveCouponFromCart(CartOwner Owner) : ICommand<CartChange>;

/// <summary>
/// Brings a cart in line with the catalog before it is shown: lines above stock are lowered to what is left, and a
/// coupon that stopped applying is taken off; answers what changed, for the shopper (empty when nothing did).
/// </summary>
internal sealed record RefreshCart(CartOwner Owner) : ICommand<IReadOnlyList<string>>;
