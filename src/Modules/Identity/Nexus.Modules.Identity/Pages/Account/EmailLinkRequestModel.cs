using System.ComponentModel.DataAnnotations;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>
/// A form that asks for an e-mail link (password reset, confirmation). It answers the same whether or not the
/// address is registered, so it never reveals who has an account; only eligible accounts get the e-mail.
/// </summary>
internal abstract class EmailLinkRequestModel : PageModel
{
    protected EmailLinkRequestModel(UserManager<ShopUser> users, IMediator mediator)
    {
        Users = users;
        Mediator = mediator;
    }

    [BindProperty]
    [Required(ErrorMessage = "Enter your e-mail address.")]
    [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
    [Display(Name = "E-mail")]
    public string Email { get; set; } = string.Empty;

    public bool Submitted { get; private set; }

    protected UserManager<ShopUser> Users { get; }

    protected IMediator Mediator { get; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await Users.FindByEmailAsync(Email.Trim()) is { } user && IsEligible(user))
        {
            await SendLinkAsync(user, cancellationToken);
        }

        Submitted = true;
        return Page();
    }

    protected abstract bool IsEligible(ShopUser user);

    protected abstract Task SendLinkAsync(ShopUser user, CancellationToken cancellationToken);
}
