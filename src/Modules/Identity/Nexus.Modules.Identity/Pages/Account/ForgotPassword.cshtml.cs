using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Security;
using Nexus.Modules.Notifications.Contracts;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>Sends a reset link to confirmed accounts; answers the same for any address.</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentityRateLimits.PasswordReset)]
internal sealed class ForgotPasswordModel : PageModel
{
    private readonly UserManager<ShopUser> users;
    private readonly IMediator mediator;

    public ForgotPasswordModel(UserManager<ShopUser> users, IMediator mediator)
    {
        this.users = users;
        this.mediator = mediator;
    }

    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = string.Empty;

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

        if (await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: true } user)
        {
            await PasswordResetEmail.SendAsync(users, mediator, Request, user, EmailTemplates.ResetPassword, cancellationToken);
        }

        Submitted = true;
        return Page();
    }
}
