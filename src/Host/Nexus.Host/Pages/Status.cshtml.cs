using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Nexus.Host.Pages;

/// <summary>
/// Friendly pages for 404 and other status codes, re-executed by the status-code middleware — with the original
/// request's method, so a refused POST arrives here as a POST without this page's antiforgery token. The page only
/// shows text, so it skips the check: otherwise every refused form or bearer-only call would answer 400.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class StatusModel : PageModel
{
    public string Heading { get; private set; } = string.Empty;

    public string Explanation { get; private set; } = string.Empty;

    /// <summary>A re-executed POST (or other method) shows the same page.</summary>
    public void OnPost(int code) => OnGet(code);

    public void OnGet(int code)
    {
        // Visited directly (not re-executed), the page still answers with the status it describes.
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null && code is >= 400 and < 600)
        {
            Response.StatusCode = code;
        }

        (Heading, Explanation) = code switch
        {
            404 => ("We couldn't find that page", "The page may have moved, or the address may be mistyped. Try the shop's front page."),
            403 => ("You don't have access to that page", "Your account is signed in but not allowed to see this page."),
            401 => ("Please sign in", "That page needs you to sign in first."),
            429 => ("Slow down a little", "Too many requests in a short time. Please wait a moment and try again."),
            _ => ("Something went wrong", "The request could not be completed."),
        };
    }
}
