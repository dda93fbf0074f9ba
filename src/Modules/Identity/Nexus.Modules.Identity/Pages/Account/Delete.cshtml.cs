using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Features;
using Nexus.Modules.Identity.Features.DeleteAccount;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.SubApps.Live;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>
/// Account deletion, confirmed with the password: the <see cref="DeleteAccount"/> command deletes the identity and
/// publishes the event other modules forget the user by, in one transaction; then the session ends.
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

        DeleteAccountOutcome outcome;
        try
        {
            outcome = await mediator.Send(new DeleteAccount(user.Id, Password), cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The commit failed (the unit of work saves after the handler): nothing was deleted or published.
            outcome = DeleteAccountOutcome.Failed;
        }

        switch (outcome)
        {
            case DeleteAccountOutcome.NoSuchUser:
                return Challenge();
            case DeleteAccountOutcome.WrongPassword:
                ModelState.AddModelError(nameof(Password), "That is not your password.");
                return Page();
            case DeleteAccountOutcome.LockedOut:
                ModelState.AddModelError(nameof(Password), PasswordReconfirmations.LockedOutMessage);
                return Page();
            case DeleteAccountOutcome.LastAdministrator:
                ModelState.AddModelError(string.Empty, "You are the shop's only administrator: give the Admin role to someone else before you delete your account.");
                return Page();
            case DeleteAccountOutcome.Failed:
                ModelState.AddModelError(string.Empty, "Your account could not be deleted. Please try again.");
                return Page();
        }

        // Ending the session is a cookie operation, not a database change, so it stays here after the command.
        await signIn.SignOutAsync();
        // Like a sign-out: the account's open sub-app live streams end (see LogoutModel).
        var userId = user.Id;
        Response.OnCompleted(() => live.NotifySignedOutAsync(userId));
        return RedirectToPage("/Account/SignedOut");
    }
}
