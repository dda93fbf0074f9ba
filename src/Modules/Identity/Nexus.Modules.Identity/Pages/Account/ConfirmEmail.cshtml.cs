using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Identity.Accounts;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Pages.Account;

[AllowAnonymous]
internal sealed class ConfirmEmailModel : PageModel
{
    private readonly UserManager<ShopUser> users;

    public ConfirmEmailModel(UserManager<ShopUser> users) => this.users = users;

    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(string? userId, string? code)
    {
        var token = AccountLinks.Decode(code);
        if (string.IsNullOrEmpty(userId) || token is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return;
        }

        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
    }
}
