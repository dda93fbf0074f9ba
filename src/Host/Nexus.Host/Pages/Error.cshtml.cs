using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Host.Pages;

/// <summary>The friendly page for unhandled errors; shows the correlation id so support can find the log lines.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
[AllowAnonymous]
internal sealed class ErrorModel : PageModel
{
    public string Reference { get; private set; } = string.Empty;

    public void OnGet() => Reference = HttpContext.TraceIdentifier;

    public void OnPost() => Reference = HttpContext.TraceIdentifier;
}
