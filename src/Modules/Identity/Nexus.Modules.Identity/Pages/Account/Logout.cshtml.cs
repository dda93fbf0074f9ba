using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Features.EndSessions;
using Nexus.Shared.SubApps.Live;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>
/// Sign-out is a POST (with antiforgery) so no link or image can sign a shopper out. It ends the session, not just
/// this browser's cookie: the security stamp is renewed, so a copy of the cookie (stolen, or left in another
/// browser) is refused within Identity:SessionRecheckSeconds — which also signs the user's other devices out.
/// </summary>
[AllowAnonymous]
internal sealed class LogoutModel : PageModel
{
    private readonly SignInManager<ShopUser> signIn;
    private readonly SubAppLiveNotifier live;
    private readonly IMediator mediator;

    public LogoutModel(SignInManager<ShopUser> signIn, SubAppLiveNotifier live, IMediator mediator)
    {
        this.signIn = signIn;
        this.live = live;
        this.mediator = mediator;
    }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = signIn.UserManager.GetUserId(User);
        if (userId is not null)
        {
            // Deleting this browser's cookie does nothing to a copy of it: the new stamp does (a command, one commit).
            await mediator.Send(new EndSessions(userId), cancellationToken);
        }

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
