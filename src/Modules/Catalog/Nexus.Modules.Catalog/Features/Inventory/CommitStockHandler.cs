using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;

namespace Nexus.Modules.Catalog.Features.Inventory;

/// <summary>
/// Marks an order's reservation sold: the stock stays out (it left stock on hand when it was reserved), and a release
/// without <see cref="ReleaseStock.IncludeSold"/> no longer touches it. One conditional update, so it is idempotent and
/// races safely with a release: whichever changes the row first wins, the other matches nothing. Answers true when the
/// order holds sold stock afterwards; false when it holds none (never reserved, or released first — the order was paid
/// after its stock went back on sale, and Ordering must decide what to do with it).
/// </summary>
internal sealed class CommitStockHandler(CatalogDbContext db, TimeProvider clock) : IRequestHandler<CommitStock, bool>
{
    public async Task<bool> Handle(CommitStock request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.StockReservations
            .Where(r => r.OrderReference == request.OrderReference && r.Status == StockReservationStatus.Reserved)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, StockReservationStatus.Sold).SetProperty(r => r.SoldAt, now), cancellationToken);
        return await db.StockReservations.AsNoTracking()
            .AnyAsync(r => r.OrderReference == request.OrderReference && r.Status == StockReservationStatus.Sold, cancellationToken);
    }
}
