using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Modules.Cart.Pages.Cart;

/// <summary>The header's cart slot (badge and mini-cart) alone, for the cart script to swap in after a change.</summary>
[AllowAnonymous]
internal sealed class MiniModel : PageModel
{
    public void OnGet() => Response.Headers.CacheControl = "no-store";
}
