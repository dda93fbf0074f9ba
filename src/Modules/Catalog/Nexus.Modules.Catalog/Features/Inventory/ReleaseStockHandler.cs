using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Messaging;

namespace Nexus.Modules.Catalog.Features.Inventory;

/// <summary>
/// Puts an order's reserved (and, when asked, sold) stock back on sale. Each reservation row moves to "released" with a
/// conditional update on the status it was read with, so two releases of the same order — sent twice, or by the
/// payment webhook and the unpaid-order job at once — put the stock back once: the second finds the row changed (on
/// PostgreSQL it waits for the first's row lock and then matches nothing). Same transaction discipline as
/// <see cref="ReserveStockHandler"/>.
/// </summary>
internal sealed class ReleaseStockHandler(CatalogDbContext db, CatalogChangeSignal changeSignal, OutboxSignal outboxSignal, TimeProvider clock)
    : IRequestHandler<ReleaseStock, bool>
{
    public async Task<bool> Handle(ReleaseStock request, CancellationToken cancellationToken)
    {
        var releasable = await Releasable(request).AsNoTracking().AnyAsync(cancellationToken);
        if (!releasable)
        {
            return false;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var reason = request.Reason.Trim();
        var moves = new List<StockLedger.Move>();
        var released = 0;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var rows = await Releasable(request).AsNoTracking().OrderBy(r => r.VariantId)
                .Select(r => new { r.Id, r.ProductId, r.VariantId, r.Quantity, r.TracksStock, r.Status }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                var changed = await db.StockReservations
                    .Where(r => r.Id == row.Id && r.Status == row.Status)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(r => r.Status, StockReservationStatus.Released).SetProperty(r => r.ReleasedAt, now).SetProperty(r => r.ReleaseReason, reason),
                        cancellationToken);
                if (changed == 0)
                {
                    continue;
                }

                released++;
                if (row.TracksStock)
                {
                    await StockLedger.PutBackAsync(db, row.VariantId, row.Quantity, cancellationToken);
                    moves.Add(new StockLedger.Move(row.ProductId, row.VariantId, row.Quantity));
                }
            }

            if (released == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }

            await StockLedger.MoveProductTotalsAsync(db, moves.Select(m => (m.ProductId, m.Delta)), cancellationToken);
            await StockLedger.RecordAsync(db, moves, StockLedger.Released, Trail($"Released from order {request.OrderReference}: {reason}"), now, cancellationToken);
            await changeSignal.SignalAfterCommitAsync(db);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }

        outboxSignal.Notify(CatalogModule.Name);
        return true;
    }

    private IQueryable<StockReservation> Releasable(ReleaseStock request) =>
        request.IncludeSold
            ? db.StockReservations.Where(r => r.OrderReference == request.OrderReference && (r.Status == StockReservationStatus.Reserved || r.Status == StockReservationStatus.Sold))
            : db.StockReservations.Where(r => r.OrderReference == request.OrderReference && r.Status == StockReservationStatus.Reserved);

    private static string Trail(string text) =>
        text.Length <= InventoryAdjustment.ReasonMaxLength ? text : text[..InventoryAdjustment.ReasonMaxLength];
}
