using Microsoft.AspNetCore.Authorization;
using MediatR;

namespace Nexus.Modules.Catalog.Pages;

/// <summary>Search results: full-text over name, description, category and tags, ranked, with the listing's filters.</summary>
[AllowAnonymous]
internal sealed class SearchModel : ListingPageModel
{
    public SearchModel(IMediator mediator)
        : base(mediator)
    {
    }

    public override string Path => "/search";

    public override string Heading => Listing.Filter.HasQuery ? $"Results for “{Listing.Filter.Query}”" : "Search";

    public override bool ShowsSearchBox => true;

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(null, cancellationToken);
}
