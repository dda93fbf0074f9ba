using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FluentValidation.AspNetCore;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Nexus.Modules.Content.Features.ContentPages;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Application;

namespace Nexus.Modules.Content.Pages.Admin.Content;

/// <summary>An admin edits one page's title and Markdown text; mistakes come back inline with what was typed.</summary>
[Authorize(Policy = NexusPolicies.Admin)]
internal sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public PageInput Input { get; set; } = new();

    [TempData(Key = "Content.Saved")]
    public string? Saved { get; set; }

    public string Slug { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var page = slug.Length <= 64 ? await mediator.Send(new GetContentPage(slug), cancellationToken) : null;
        if (page is null)
        {
            return NotFound();
        }

        Slug = page.Slug;
        Input = new PageInput { Title = page.Title, BodyMarkdown = page.BodyMarkdown };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken cancellationToken)
    {
        Slug = slug;
        bool found;
        try
        {
            var editor = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? User.Identity?.Name ?? "unknown";
            found = await mediator.Send(new EditContentPage(slug, Input.Title, Input.BodyMarkdown, editor), cancellationToken);
        }
        catch (RequestValidationException e)
        {
            e.Result.AddToModelState(ModelState, nameof(Input));
            return Page();
        }

        if (!found)
        {
            return NotFound();
        }

        Saved = Input.Title?.Trim();
        return RedirectToPage("Index");
    }

    internal sealed class PageInput
    {
        [Display(Name = "Title")]
        public string? Title { get; set; }

        [Display(Name = "Text (Markdown)")]
        public string? BodyMarkdown { get; set; }
    }
}
