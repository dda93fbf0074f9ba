using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Cart.Contracts;

/// <summary>
/// Checkout placed an order from this cart. The cart is <b>not</b> emptied: it keeps its lines until the order is paid
/// (a declined card must leave the cart intact, docs/decisions/0023); the cart records which quantities the order took
/// and, when Ordering's <c>OrderPaymentReceived</c> arrives, removes exactly those (and the order's coupon); an
/// <c>OrderCancelled</c> closes the record and leaves the cart alone. Idempotent per order: answers false when the
/// order was recorded before or the cart is unknown.
/// </summary>
public sealed record CheckOutCart(Guid CartId, Guid OrderId, string OrderNumber, string? CouponCode, IReadOnlyList<CheckedOutLine> Lines) : ICommand<bool>;

/// <summary>A quantity of one variant an order took from the cart.</summary>
public sealed record CheckedOutLine(Guid VariantId, int Quantity);
