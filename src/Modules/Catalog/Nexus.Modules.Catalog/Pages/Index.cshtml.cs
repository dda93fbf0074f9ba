using Microsoft.AspNetCore.Authorization;
using MediatR;

namespace Nexus.Modules.Catalog.Pages;

/// <summary>The storefront's front page: every listed product, with the same filters as search.</summary>
[AllowAnonymous]
internal sealed class IndexModel : ListingPageModel
{
    public IndexModel(IMediator mediator)
        : base(mediator)
    {
    }

    public override string Path => "/";

    public override string Heading => "Shop";

    // The page number is `p`, read from the query string by the base class: Razor Pages keeps the route value `page`
    // for itself ("/Index"), so a handler parameter named `page` bound that string, failed to convert it (two
    // exceptions thrown and caught per request) and `/?page=2` rendered page 1.
    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(null, cancellationToken);
}
