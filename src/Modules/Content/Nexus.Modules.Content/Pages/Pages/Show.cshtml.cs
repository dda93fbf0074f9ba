using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Content.Features.ContentPages;

namespace Nexus.Modules.Content.Pages.Pages;

/// <summary>One of the shop's pages (contact, shipping and returns, privacy); public.</summary>
[AllowAnonymous]
internal sealed class ShowModel(IMediator mediator) : PageModel
{
    public ContentPageView Shown { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        // Slugs are short and lower-case; anything else is no page of ours (and never reaches the database as is).
        if (slug.Length > 64)
        {
            return NotFound();
        }

        var page = await mediator.Send(new GetContentPage(slug.ToLowerInvariant()), cancellationToken);
        if (page is null)
        {
            return NotFound();
        }

        Shown = page;
        return Page();
    }
}
