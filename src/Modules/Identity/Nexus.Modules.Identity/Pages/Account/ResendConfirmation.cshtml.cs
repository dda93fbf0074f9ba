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

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>A new confirmation link; the answer is the same whether or not the address is registered.</summary>
[AllowAnonymous]
[EnableRateLimiting(IdentityRateLimits.PasswordReset)]
internal sealed class ResendConfirmationModel : PageModel
{
    private readonly UserManager<ShopUser> users;
    private readonly IMediator mediator;

    public ResendConfirmationModel(UserManager<ShopUser> users, IMediator mediator)
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

        if (await users.FindByEmailAsync(Email.Trim()) is { EmailConfirmed: false } user)
        {
            await ConfirmationEmail.SendAsync(users, mediator, Request, user, cancellationToken);
        }

        Submitted = true;
        return Page();
    }
}
