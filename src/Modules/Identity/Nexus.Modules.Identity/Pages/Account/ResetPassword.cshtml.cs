using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Features.ResetPassword;
using Nexus.Modules.Identity.Security;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>Sets a new password with the link's one-time code. An unknown address fails like a bad code.</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentityRateLimits.PasswordReset)]
internal sealed class ResetPasswordModel : PageModel
{
    private const string InvalidLink = "This reset link is invalid or has expired. Ask for a new one.";
    private readonly IMediator mediator;

    public ResetPasswordModel(IMediator mediator) => this.mediator = mediator;

    [BindProperty(SupportsGet = true)]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    [BindProperty]
    [Required(ErrorMessage = "Choose a password.")]
    [StringLength(128, MinimumLength = 10, ErrorMessage = "Use at least 10 characters.")]
    [DataType(DataType.Password)]
    [Display(Name = "New password")]
    public string Password { get; set; } = string.Empty;

    public bool Done { get; private set; }

    public void OnGet() => ModelState.Clear();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var token = AccountLinks.Decode(Code);
        // Ends a lockout too, in the same commit: the owner has proved they hold the mailbox.
        var result = token is null ? null : await mediator.Send(new ResetPassword(Email.Trim(), token, Password), cancellationToken);
        if (result is null)
        {
            ModelState.AddModelError(string.Empty, InvalidLink);
            return Page();
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(Password) : string.Empty,
                    error.Code == "InvalidToken" ? InvalidLink : error.Description);
            }

            return Page();
        }

        Done = true;
        return Page();
    }
}
