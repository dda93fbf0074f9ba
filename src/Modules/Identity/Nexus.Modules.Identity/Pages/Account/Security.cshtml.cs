using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Features;
using Nexus.Modules.Identity.Features.ChangePassword;
using Nexus.Modules.Identity.Features.EndSessions;
using Nexus.Modules.Identity.Features.ReconfirmPassword;
using Nexus.Modules.Notifications.Contracts;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.SubApps.Live;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>Password and e-mail changes for the signed-in user (always their own account: no id in the request).</summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class SecurityModel : PageModel
{
    private readonly UserManager<ShopUser> users;
    private readonly SignInManager<ShopUser> signIn;
    private readonly IMediator mediator;

    public SecurityModel(UserManager<ShopUser> users, SignInManager<ShopUser> signIn, IMediator mediator)
    {
        this.users = users;
        this.signIn = signIn;
        this.mediator = mediator;
    }

    [BindProperty]
    public PasswordChange Password { get; set; } = new();

    [BindProperty]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "New e-mail address")]
    public string? NewEmail { get; set; }

    /// <summary>Asked again to change the e-mail address (issue 13, item 4).</summary>
    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Your current password")]
    public string? EmailChangePassword { get; set; }

    public string CurrentEmail { get; private set; } = string.Empty;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        CurrentEmail = user.Email ?? string.Empty;
        return Page();
    }

    public async Task<IActionResult> OnPostChangePasswordAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        CurrentEmail = user.Email ?? string.Empty;
        ModelState.Remove(nameof(NewEmail));
        ModelState.Remove(nameof(EmailChangePassword));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await mediator.Send(new ChangePassword(user.Id, Password.Current, Password.New), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var onCurrent = error.Code is nameof(IdentityErrorDescriber.PasswordMismatch) or ChangePasswordHandler.LockedOutCode;
                ModelState.AddModelError(onCurrent ? "Password.Current" : "Password.New", error.Code == nameof(IdentityErrorDescriber.PasswordMismatch) ? "That is not your current password." : error.Description);
            }

            return Page();
        }

        // The security stamp changed: re-issue this browser's cookie; other sessions end at their next check. (A cookie
        // operation, not a database change, so it stays in the page, after the command committed.)
        await signIn.RefreshSignInAsync(user);
        Message = "Your password has been changed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostChangeEmailAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        CurrentEmail = user.Email ?? string.Empty;
        // Only this form's fields count. The password form's model, posted empty, is bound from the empty prefix too
        // (keys "Current", "New"), so removing "Password.*" left errors nobody saw and the change never went ahead.
        foreach (var key in ModelState.Keys.Where(k => k is not nameof(NewEmail) and not nameof(EmailChangePassword)).ToList())
        {
            ModelState.Remove(key);
        }

        if (string.IsNullOrWhiteSpace(NewEmail))
        {
            ModelState.AddModelError(nameof(NewEmail), "Enter the new e-mail address.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // Whoever holds only a session (a copied cookie, an unlocked computer) must not move the account to their own
        // address, nor guess the password here without limit: a wrong one counts towards the lockout.
        var reconfirmation = await mediator.Send(new ReconfirmPassword(user.Id, EmailChangePassword ?? string.Empty), cancellationToken);
        if (reconfirmation is not PasswordReconfirmation.Confirmed)
        {
            ModelState.AddModelError(
                nameof(EmailChangePassword),
                reconfirmation is PasswordReconfirmation.LockedOut ? PasswordReconfirmations.LockedOutMessage : "That is not your current password.");
            return Page();
        }

        var email = NewEmail!.Trim();
        // No state changes here: the token is computed, and the e-mail is Notifications' SendEmail command; the change
        // itself is the ConfirmEmailChange command, once the new address proved it receives mail.
        // Whether or not another account has the address, the answer is the same; the change fails later if taken.
        if (!string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase) && await users.FindByEmailAsync(email) is null)
        {
            var token = await users.GenerateChangeEmailTokenAsync(user, email);
            var link = AccountLinks.Absolute(Request, "/account/confirm-email-change", ("userId", user.Id), ("email", email), ("code", AccountLinks.Encode(token)));
            await mediator.Send(new SendEmail(email, EmailTemplates.ConfirmEmailChange, new Dictionary<string, string> { ["Link"] = link, ["NewEmail"] = email }), cancellationToken);
        }

        Message = $"If {email} can be used, a confirmation link is on its way to it.";
        return RedirectToPage();
    }

    /// <summary>
    /// "Sign out everywhere": every session of the account ends (a new security stamp; other browsers within
    /// Identity:SessionRecheckSeconds), this one at once. For a shopper who signed in on a shared computer or fears a
    /// copied cookie (docs/security.md, item 3).
    /// </summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync([FromServices] SubAppLiveNotifier live, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(live);
        var userId = users.GetUserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        await mediator.Send(new EndSessions(userId), cancellationToken);
        await signIn.SignOutAsync();
        // As on sign-out: the user's open sub-app pages lose their live streams once this response has gone out.
        Response.OnCompleted(() => live.NotifySignedOutAsync(userId));
        return RedirectToPage("/Account/SignedOut");
    }

    internal sealed class PasswordChange
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        [Display(Name = "Current password")]
        public string Current { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(128, MinimumLength = 10, ErrorMessage = "Use at least 10 characters.")]
        [DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string New { get; set; } = string.Empty;
    }
}
