using Microsoft.AspNetCore.Authorization;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Nexus.Modules.Catalog.Pages;

/// <summary>A category's listing, its sub-categories included. Unknown slug: the 404 page.</summary>
[AllowAnonymous]
internal sealed class CategoryModel : ListingPageModel
{
    public CategoryModel(IMediator mediator)
        : base(mediator)
    {
    }

    public string Slug { get; private set; } = string.Empty;

    public override string Path => "/categories/" + Uri.EscapeDataString(Slug);

    public override string Heading => Listing.Category?.Name ?? "Category";

    public override bool CategoryFromPath => true;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        Slug = (slug ?? string.Empty).ToLowerInvariant();
        await LoadAsync(Slug, cancellationToken);
        if (Listing.UnknownCategory)
        {
            return NotFound();
        }

        return Page();
    }
}
