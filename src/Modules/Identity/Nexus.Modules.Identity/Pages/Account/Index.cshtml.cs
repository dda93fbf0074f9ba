using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.Modules.Identity.Pages.Account;

/// <summary>The customer dashboard: the way into everything a signed-in shopper owns.</summary>
[Authorize(Policy = NexusPolicies.Customer)]
internal sealed class IndexModel : PageModel
{
    public string Email { get; private set; } = string.Empty;

    public void OnGet() => Email = User.FindFirstValue(ClaimTypes.Email) ?? User.Identity?.Name ?? string.Empty;
}
