using Microsoft.AspNetCore.Http;

namespace Nexus.Modules.Cart.Web;

/// <summary>
/// The cross-site check for an anonymous "add to cart" post, which carries no antiforgery token (the product page is
/// cached and token-free, decision 0015): a browser names where a post comes from in <c>Sec-Fetch-Site</c> and
/// <c>Origin</c>, and another site cannot forge either. A post is refused when either says another site; a request
/// with neither is not from a browser that could be tricked into sending it (and the cart cookie is SameSite=Lax).
/// </summary>
internal static class SameOriginPost
{
    public static bool IsAllowed(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        // "null" (a sandboxed frame, a redirect across sites) is not this site.
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
