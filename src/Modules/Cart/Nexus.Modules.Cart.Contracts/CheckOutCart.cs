using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Cart.Contracts;

/// <summary>
/// Checkout placed an order from this cart: the cart is emptied (coupon included). Idempotent: answers false when the
/// cart is already empty or unknown.
/// </summary>
public sealed record CheckOutCart(Guid CartId, Guid OrderId) : ICommand<bool>;
