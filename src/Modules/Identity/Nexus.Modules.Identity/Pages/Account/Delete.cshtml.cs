using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Contracts;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.SubApps.Live;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>
/// Account deletion, confirmed with the password. Other modules forget the user first (<see cref="UserAccountDeleted"/>),
/// then the identity goes, then the session.
/// </summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class DeleteModel : PageModel
{
    private readonly UserManager<ShopUser> users;
    private readonly SignInManager<ShopUser> signIn;
    private readonly IMediator mediator;
    private readonly SubAppLiveNotifier live;

    public DeleteModel(UserManager<ShopUser> users, SignInManager<ShopUser> signIn, IMediator mediator, SubAppLiveNotifier live)
    {
        this.users = users;
        this.signIn = signIn;
        this.mediator = mediator;
        this.live = live;
    }

    [BindProperty]
    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    [Display(Name = "Your password, to confirm")]
    public string Password { get; set; } = string.Empty;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await users.CheckPasswordAsync(user, Password))
        {
            ModelState.AddModelError(nameof(Password), "That is not your password.");
            return Page();
        }

        await mediator.Publish(new UserAccountDeleted(user.Id), cancellationToken);
        var deleted = await users.DeleteAsync(user);
        if (!deleted.Succeeded)
        {
            ModelState.AddModelError(string.Empty, "Your account could not be deleted. Please try again.");
            return Page();
        }

        await signIn.SignOutAsync();
        // Like a sign-out: the account's open sub-app live streams end (see LogoutModel).
        var userId = user.Id;
        Response.OnCompleted(() => live.NotifySignedOutAsync(userId));
        return RedirectToPage("/Account/SignedOut");
    }
}
