using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Modules.Notifications.Pages.Account.Notifications;

/// <summary>The header's bell alone, for the live script to swap in when a notification arrives or is read elsewhere.</summary>
[AllowAnonymous]
internal sealed class BellModel : PageModel
{
    public void OnGet() => Response.Headers.CacheControl = "no-store";
}
