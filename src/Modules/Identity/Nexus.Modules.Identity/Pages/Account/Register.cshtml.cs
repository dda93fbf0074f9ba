using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Features.RegisterAccount;
using Nexus.Modules.Identity.Security;
using Nexus.Modules.Notifications.Contracts;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>
/// Registration. A new address gets a confirmation link; an address that already has an account gets a
/// "someone tried to register" message instead — and the page answers the same either way, so it cannot be
/// used to find out who shops here.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(IdentityRateLimits.Register)]
internal sealed class RegisterModel : PageModel
{
    private readonly UserManager<ShopUser> users;
    private readonly IMediator mediator;
    private readonly UnknownAccountPasswordCheck hashing;

    public RegisterModel(UserManager<ShopUser> users, IMediator mediator, UnknownAccountPasswordCheck hashing)
    {
        this.users = users;
        this.mediator = mediator;
        this.hashing = hashing;
    }

    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public bool Submitted { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        // The password rules are checked before the address, for both: a weak password refused for a new address but
        // answered "check your inbox" for a taken one told who has an account (issue 13, item 2).
        var passwordErrors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            passwordErrors.AddRange((await validator.ValidateAsync(users, new ShopUser { UserName = email, Email = email }, Input.Password)).Errors);
        }

        if (passwordErrors.Count > 0)
        {
            foreach (var error in passwordErrors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }

            return Page();
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            // A new account costs one password hash; so does this answer, or its timing would tell.
            hashing.SpendOneHash(users.PasswordHasher, Input.Password);
            await mediator.Send(new SendEmail(email, EmailTemplates.AlreadyRegistered, new Dictionary<string, string>
            {
                ["SignInLink"] = AccountLinks.Absolute(Request, "/account/login"),
                ["ResetLink"] = AccountLinks.Absolute(Request, "/account/forgot-password"),
            }), cancellationToken);
            Submitted = true;
            return Page();
        }

        var created = await mediator.Send(new RegisterAccount(email, Input.Password), cancellationToken);
        if (created.User is not { } user)
        {
            foreach (var error in created.Errors)
            {
                // Password rules are the only failures a visitor can act on; the rest say nothing about other accounts.
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password" : string.Empty, error.Description);
            }

            return Page();
        }

        // Only for an account that was committed; Notifications' SendEmail is a command of its own.
        await ConfirmationEmail.SendAsync(users, mediator, Request, user, cancellationToken);
        Submitted = true;
        return Page();
    }

    internal sealed class RegisterInput
    {
        [Required(ErrorMessage = "Enter your e-mail address.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(256)]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(128, MinimumLength = 10, ErrorMessage = "Use at least 10 characters.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        [Display(Name = "Repeat the password")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
