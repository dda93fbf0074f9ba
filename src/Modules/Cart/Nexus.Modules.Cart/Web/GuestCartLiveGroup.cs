using Microsoft.AspNetCore.Http;
using Nexus.Shared.Live;

namespace Nexus.Modules.Cart.Web;

/// <summary>
/// A guest's live connection hears their cart (every tab and device holding the same cart cookie). From the cookie
/// of the request that opened the connection — a well-formed one or none; nothing the page sends names a cart.
/// A signed-in customer's cart is pushed to their user group instead.
/// </summary>
internal sealed class GuestCartLiveGroup : ILiveGroupSource
{
    public IEnumerable<string> GroupsFor(HttpContext context)
    {
        if (GroupOf(context) is { } group)
        {
            yield return group;
        }
    }

    /// <summary>The group of the guest cart this request's cookie holds; null for a signed-in shopper or no cart.</summary>
    public static string? GroupOf(HttpContext context) =>
        CartShopper.CustomerId(context) is null && CartShopper.GuestToken(context) is { } token ? LiveGroups.GuestCart(token) : null;
}
