using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>Sign-out is a POST (with antiforgery) so no link or image can sign a shopper out.</summary>
[AllowAnonymous]
internal sealed class LogoutModel : PageModel
{
    private readonly SignInManager<ShopUser> signIn;

    public LogoutModel(SignInManager<ShopUser> signIn) => this.signIn = signIn;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        // The signed-out page tells the browser's other tabs (see wwwroot/js/session.js).
        return RedirectToPage("/Account/SignedOut");
    }
}
