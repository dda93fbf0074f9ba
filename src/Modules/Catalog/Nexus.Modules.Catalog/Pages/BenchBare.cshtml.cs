using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Features.BrowseCatalog;
using Nexus.Modules.Catalog.Features;

namespace Nexus.Modules.Catalog.Pages;

/// <summary>
/// Bench-Catalog's reference: the same listing page, layout and partials, but the listing comes from memory — the
/// first request per query string runs it, every later one only renders. The difference to <c>/</c> is the cost of
/// the query path. Exists only with <c>Modules:Catalog:BenchReference=true</c>.
/// </summary>
[AllowAnonymous]
internal sealed class BenchBareModel : ListingPageModel
{
    private static readonly Dictionary<string, CatalogListing> Listings = [];
    private static readonly Lock Gate = new();
    private readonly bool enabled;

    public BenchBareModel(IMediator mediator, IOptions<CatalogOptions> options)
        : base(mediator) => enabled = options.Value.BenchReference;

    public override string Path => "/";

    public override string Heading => "Shop";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!enabled)
        {
            return NotFound();
        }

        var key = Request.QueryString.Value ?? string.Empty;
        CatalogListing? listing;
        lock (Gate)
        {
            Listings.TryGetValue(key, out listing);
        }

        if (listing is null)
        {
            listing = await LoadAsync(null, cancellationToken);
            lock (Gate)
            {
                Listings[key] = listing;
            }
        }

        Show(listing);
        return Page();
    }
}
