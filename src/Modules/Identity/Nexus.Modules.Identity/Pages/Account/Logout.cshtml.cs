using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.SubApps.Live;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>Sign-out is a POST (with antiforgery) so no link or image can sign a shopper out.</summary>
[AllowAnonymous]
internal sealed class LogoutModel : PageModel
{
    private readonly SignInManager<ShopUser> signIn;
    private readonly SubAppLiveNotifier live;

    public LogoutModel(SignInManager<ShopUser> signIn, SubAppLiveNotifier live)
    {
        this.signIn = signIn;
        this.live = live;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var userId = signIn.UserManager.GetUserId(User);
        // Deleting the cookies changes no database state, so there is no command.
        await signIn.SignOutAsync();
        if (userId is not null)
        {
            // The user's open sub-app pages lose their live streams and must ask for a fresh token. Told once this
            // response (which deletes the cookie) has gone out, so this browser asks too late to be given one.
            Response.OnCompleted(() => live.NotifySignedOutAsync(userId));
        }

        // The signed-out page tells the browser's other tabs (see wwwroot/js/session.js).
        return RedirectToPage("/Account/SignedOut");
    }
}
