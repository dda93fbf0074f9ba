using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Nexus.Modules.Cart.Features.ChangeCart;

namespace Nexus.Modules.Cart.Web;

/// <summary>
/// One answer shape for the cart's changing requests: the page script asks for JSON (<c>Accept: application/json</c>)
/// and updates the badge and mini-cart in place; a plain form post is redirected (post/redirect/get) with the message.
/// </summary>
internal static class CartResponses
{
    public static bool WantsJson(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase));

    public static IActionResult Json(CartChange change) =>
        new JsonResult(new { ok = change.Changed, found = change.Found, message = change.Message, itemCount = change.ItemCount });

    /// <summary>
    /// A request that names nothing of the shopper's (no such variant or line, another shopper's line) or cannot be
    /// understood: ProblemDetails for the script, the shop's status page otherwise — never a 5xx, nothing changed.
    /// </summary>
    public static IActionResult Problem(HttpRequest request, int status, string message) =>
        WantsJson(request)
            ? new ObjectResult(new ProblemDetails { Status = status, Title = status == StatusCodes.Status404NotFound ? "Not found" : "Not a valid cart change", Detail = message }) { StatusCode = status }
            : new StatusCodeResult(status);
}
