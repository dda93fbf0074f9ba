using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Cart.Contracts.Events;

/// <summary>
/// A cart changed (line added, quantity changed, removed, coupon applied or removed, merged, checked out). Live
/// updates use it for the badge and the mini-cart in every tab of the same shopper; analytics counts it.
/// </summary>
/// <param name="CustomerId">The signed-in owner, or null for a guest cart.</param>
/// <param name="GuestToken">The guest cart's cookie token, or null for a customer's cart.</param>
[IntegrationEvent("cart.cart-updated", 1)]
public sealed record CartUpdated(Guid CartId, string? CustomerId, string? GuestToken, int ItemCount, long SubtotalMinor, string Currency, string Change) : IntegrationEvent;
