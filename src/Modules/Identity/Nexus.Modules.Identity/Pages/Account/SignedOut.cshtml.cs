using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Modules.Identity.Pages.Account;

[AllowAnonymous]
internal sealed class SignedOutModel : PageModel
{
    public void OnGet()
    {
    }
}
