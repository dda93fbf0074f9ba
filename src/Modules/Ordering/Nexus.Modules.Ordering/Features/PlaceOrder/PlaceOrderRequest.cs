using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Ordering.Domain;

namespace Nexus.Modules.Ordering.Features.PlaceOrder;

/// <summary>
/// What the checkout form says. No amounts and no lines: those come from the cart (<see cref="GetCartForCheckout"/>)
/// at the moment of placing, so a tampered form cannot change what is charged.
/// </summary>
/// <param name="IdempotencyKey">Made when the checkout page was first shown and carried in its form.</param>
/// <param name="ExpectedTotalMinor">The total the shopper saw on the review; placing stops when the cart's total is different now.</param>
internal sealed record PlaceOrderRequest(
    string IdempotencyKey,
    CartOwner Owner,
    string? CustomerId,
    string Email,
    string ShippingMethod,
    AddressSnapshot? ShippingAddress,
    AddressSnapshot BillingAddress,
    long? ExpectedTotalMinor);

/// <summary>The outcome of placing: the order (placed, or found again for the same key), or why not.</summary>
/// <param name="BackToCart">The cart must change first (stock short, a product gone, the cart empty).</param>
internal sealed record PlacementResult(bool Placed, Guid? OrderId, string? OrderNumber, IReadOnlyList<string> Problems, bool BackToCart)
{
    public static PlacementResult Success(Guid orderId, string number) => new(true, orderId, number, [], false);

    public static PlacementResult Refused(bool backToCart, params string[] problems) => new(false, null, null, problems, backToCart);
}
