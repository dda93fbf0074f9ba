using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Products;
using Nexus.Modules.Customers.Data;

namespace Nexus.Modules.Customers.Features.Wishlist;

internal sealed class GetWishlistHandler : IRequestHandler<GetWishlist, IReadOnlyList<WishlistLine>>
{
    private readonly CustomersDbContext db;
    private readonly IMediator mediator;

    public GetWishlistHandler(CustomersDbContext db, IMediator mediator)
    {
        this.db = db;
        this.mediator = mediator;
    }

    public async Task<IReadOnlyList<WishlistLine>> Handle(GetWishlist request, CancellationToken cancellationToken)
    {
        var items = await db.Wishlist.AsNoTracking().Where(i => i.UserId == request.UserId).ToListAsync(cancellationToken);
        if (items.Count == 0)
        {
            return [];
        }

        var products = (await mediator.Send(new GetProductSnapshots(items.Select(i => i.ProductId).ToList()), cancellationToken))
            .ToDictionary(p => p.Id);
        return items.OrderByDescending(i => i.AddedAt)
            .Select(i => products.TryGetValue(i.ProductId, out var p)
                ? new WishlistLine(i.ProductId, p.Name, p.PriceMinor, p.Currency, i.AddedAt)
                : new WishlistLine(i.ProductId, null, null, null, i.AddedAt))
            .ToList();
    }
}
