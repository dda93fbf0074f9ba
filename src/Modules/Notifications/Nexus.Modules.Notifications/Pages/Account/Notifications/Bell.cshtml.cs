using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Notifications.Pages.Account.Notifications;

/// <summary>
/// The header's bell alone, for the live script to swap in when a notification arrives or is read elsewhere. Signed-in
/// users only: a page whose session ended is sent to sign in, finds no bell there and drops its own.
/// </summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class BellModel : PageModel
{
    public void OnGet() => Response.Headers.CacheControl = "no-store";
}
