using MediatR;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;
using Nexus.Modules.Catalog.Features.BrowseCatalog;
using Nexus.Modules.Catalog.Features;

namespace Nexus.Modules.Catalog.Pages;

/// <summary>
/// What the three storefront listings share (<c>/</c>, <c>/search</c>, <c>/categories/{slug}</c>): the filter read from
/// the query string (clamped, with notices for what was changed), the listing, and the links that keep the state.
/// </summary>
internal abstract class ListingPageModel : PageModel
{
    private readonly IMediator mediator;

    protected ListingPageModel(IMediator mediator) => this.mediator = mediator;

    public CatalogListing Listing { get; private set; } = null!;

    public List<string> Notices { get; } = [];

    /// <summary>The path the filter form and links stay on.</summary>
    public abstract string Path { get; }

    public abstract string Heading { get; }

    /// <summary>Whether the filter form carries the search box (the search page) or keeps <c>q</c> hidden.</summary>
    public virtual bool ShowsSearchBox => false;

    /// <summary>Whether the category filter is fixed by the path (a category page).</summary>
    public virtual bool CategoryFromPath => false;

    protected async Task<CatalogListing> LoadAsync(string? categoryFromPath, CancellationToken cancellationToken)
    {
        var query = Request.Query;
        var filter = CatalogFilter.FromValues(
            key => key == "category" && categoryFromPath is not null ? new StringValues(categoryFromPath) : query.TryGetValue(key, out var v) ? v : StringValues.Empty,
            Notices);
        var page = CatalogFilter.PageFrom(query["p"].FirstOrDefault());
        Listing = await mediator.Send(new BrowseCatalog(filter, page), cancellationToken);
        if (Listing.UnknownCategory && !CategoryFromPath)
        {
            Notices.Add("That category does not exist (any more); choose another below.");
        }

        if (page > Listing.PageCount)
        {
            Notices.Add($"There are only {Listing.PageCount} pages; this is the last.");
        }

        return Listing;
    }

    /// <summary>Shows a listing computed earlier (the bench's reference page).</summary>
    protected void Show(CatalogListing listing) => Listing = listing;

    /// <summary>A link to this listing with the filter changed (<c>p</c> reset to 1 unless given).</summary>
    public string Link(Action<Dictionary<string, List<string>>>? change = null, int page = 1)
    {
        var filter = Listing.Filter;
        var query = filter.ToQueryString(page, values =>
        {
            if (CategoryFromPath)
            {
                values.Remove("category");
            }

            change?.Invoke(values);
        });
        return Path + query;
    }
}
