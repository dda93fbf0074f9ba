namespace Nexus.Modules.Cart.Contracts;

/// <summary>
/// Whose cart: a signed-in customer's (<see cref="CustomerId"/>, the Identity user id) or a guest's (the opaque token
/// of the cart cookie, <see cref="CartCookie.Name"/>). A signed-in customer's cart wins when both are given (the guest
/// cart is merged into it when the guest signs in).
/// </summary>
public sealed record CartOwner(string? CustomerId, string? GuestToken);

/// <summary>The guest cart's cookie, shared by the pages that need to find the cart (cart, checkout).</summary>
public static class CartCookie
{
    public const string Name = "nexus.cart";
}
