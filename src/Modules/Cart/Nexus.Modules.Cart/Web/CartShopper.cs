using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Nexus.Modules.Cart.Contracts;

namespace Nexus.Modules.Cart.Web;

/// <summary>
/// Who is shopping in this request, as a <see cref="CartOwner"/>: the signed-in user's id, or the guest token of the
/// <see cref="CartCookie"/> (well-formed or ignored). Also writes and deletes that cookie: HttpOnly, SameSite=Lax,
/// Secure under HTTPS (as the sign-in cookie), for <see cref="CartOptions.GuestCartLifetime"/>; set only when a guest first adds.
/// </summary>
internal sealed class CartShopper
{
    /// <summary>32 random bytes, base64url without padding.</summary>
    private const int TokenLength = 43;

    private readonly CartOptions options;

    public CartShopper(IOptions<CartOptions> options) => this.options = options.Value;

    public static string? CustomerId(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;

    public static string? GuestToken(HttpContext context) =>
        context.Request.Cookies[CartCookie.Name] is { Length: TokenLength } token && token.All(IsTokenChar) ? token : null;

    /// <summary>The shopper's cart owner, or null for a visitor with no cart (nothing to look up).</summary>
    public static CartOwner? Owner(HttpContext context)
    {
        var customer = CustomerId(context);
        if (customer is not null)
        {
            return new CartOwner(customer, null);
        }

        return GuestToken(context) is { } token ? new CartOwner(null, token) : null;
    }

    /// <summary>The owner to add to: an existing one, or a guest with a fresh token (its cookie is written only if the add succeeds).</summary>
    public static CartOwner OwnerForAdding(HttpContext context) =>
        Owner(context) ?? new CartOwner(null, WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32)));

    public void RememberGuest(HttpContext context, string token) =>
        context.Response.Cookies.Append(CartCookie.Name, token, new CookieOptions
        {
            HttpOnly = true,
            // Like the sign-in cookie: Secure whenever the request is HTTPS (always, behind the shop's TLS); plain HTTP
            // only serves local development and tests.
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/",
            MaxAge = options.GuestCartLifetime,
        });

    public static void ForgetGuest(HttpContext context) =>
        context.Response.Cookies.Delete(CartCookie.Name, new CookieOptions { Path = "/", SameSite = SameSiteMode.Lax });

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
