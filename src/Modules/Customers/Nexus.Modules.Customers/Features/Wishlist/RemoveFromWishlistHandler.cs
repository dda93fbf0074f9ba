using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Data;

namespace Nexus.Modules.Customers.Features.Wishlist;

internal sealed class RemoveFromWishlistHandler : IRequestHandler<RemoveFromWishlist, bool>
{
    private readonly CustomersDbContext db;

    public RemoveFromWishlistHandler(CustomersDbContext db) => this.db = db;

    public async Task<bool> Handle(RemoveFromWishlist request, CancellationToken cancellationToken)
    {
        var item = await db.Wishlist.SingleOrDefaultAsync(i => i.UserId == request.UserId && i.ProductId == request.ProductId, cancellationToken);
        if (item is null)
        {
            return false;
        }

        db.Wishlist.Remove(item);
        return true;
    }
}
