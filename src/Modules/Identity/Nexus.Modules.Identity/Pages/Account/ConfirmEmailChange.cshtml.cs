using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>Applies an e-mail change once the new address proved it receives mail; the user name follows the e-mail.</summary>
[AllowAnonymous]
internal sealed class ConfirmEmailChangeModel : PageModel
{
    private readonly UserManager<ShopUser> users;

    public ConfirmEmailChangeModel(UserManager<ShopUser> users) => this.users = users;

    public bool Changed { get; private set; }

    public async Task OnGetAsync(string? userId, string? email, string? code)
    {
        var token = AccountLinks.Decode(code);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(email) || token is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return;
        }

        if ((await users.ChangeEmailAsync(user, email, token)).Succeeded)
        {
            Changed = (await users.SetUserNameAsync(user, email)).Succeeded;
        }
    }
}
