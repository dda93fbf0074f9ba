using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Products;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Customers.Domain;

namespace Nexus.Modules.Customers.Features.Wishlist;

internal sealed class AddToWishlistHandler : IRequestHandler<AddToWishlist, bool>
{
    private readonly CustomersDbContext db;
    private readonly IMediator mediator;
    private readonly TimeProvider time;

    public AddToWishlistHandler(CustomersDbContext db, IMediator mediator, TimeProvider time)
    {
        this.db = db;
        this.mediator = mediator;
        this.time = time;
    }

    public async Task<bool> Handle(AddToWishlist request, CancellationToken cancellationToken)
    {
        if ((await mediator.Send(new GetProductSnapshots([request.ProductId]), cancellationToken)).Count == 0)
        {
            return false;
        }

        if (!await db.Wishlist.AnyAsync(i => i.UserId == request.UserId && i.ProductId == request.ProductId, cancellationToken))
        {
            db.Wishlist.Add(new WishlistItem { UserId = request.UserId, ProductId = request.ProductId, AddedAt = time.GetUtcNow().UtcDateTime });
        }

        return true;
    }
}
