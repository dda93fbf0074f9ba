using Microsoft.AspNetCore.Authorization;
using MediatR;
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

    public async Task OnGetAsync(int? page, CancellationToken cancellationToken)
    {
        // An out-of-range page number from a stale link shows the first page rather than an error.
        Result = await mediator.Send(new BrowseProducts(Math.Max(1, page ?? 1), pageSize), cancellationToken);
    }
}
