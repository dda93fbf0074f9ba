using Microsoft.AspNetCore.Authorization;
using MediatR;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Features.BrowseProducts;

namespace Nexus.Modules.Catalog.Pages;

/// <summary>The storefront's front page: the published catalog, paged.</summary>
[AllowAnonymous]
internal sealed class IndexModel : PageModel
{
    private readonly IMediator mediator;
    private readonly int pageSize;

    public IndexModel(IMediator mediator, IOptions<CatalogOptions> options)
    {
        this.mediator = mediator;
        pageSize = options.Value.PageSize;
    }

    public ProductPage Result { get; private set; } = new([], 1, 24, 0);

    // The page number is `p`: Razor Pages keeps the route value `page` for itself ("/Index"), so a parameter named
    // `page` bound that string, failed to convert it (two exceptions thrown and caught per request) and `/?page=2`
    // rendered page 1.
    public async Task OnGetAsync([FromQuery(Name = "p")] string? p, CancellationToken cancellationToken)
    {
        // A missing, malformed or out-of-range page number from a stale or hand-made link shows the first page.
        var number = int.TryParse(p, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed >= 1 ? parsed : 1;
        Result = await mediator.Send(new BrowseProducts(number, pageSize), cancellationToken);
    }
}
