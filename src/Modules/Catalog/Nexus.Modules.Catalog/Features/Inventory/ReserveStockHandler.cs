using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Messaging;

namespace Nexus.Modules.Catalog.Features.Inventory;

/// <summary>
/// Takes an order's stock off sale, every line or none (docs/decisions/0016). The handler runs its own transaction
/// rather than leaving the write to the unit of work's commit, because the outcome — reserved or short — is only known
/// once the conditional updates have run against the stock as it is at that moment: on SQLite the transaction holds the
/// writer lock from its start (<c>BEGIN IMMEDIATE</c>, queued by the writer gate), so the reservations run one after
/// the other; on PostgreSQL each conditional update locks its variant's row and re-reads it when a racing transaction
/// commits first. Nothing is left tracked for the unit of work to save afterwards.
/// </summary>
internal sealed class ReserveStockHandler(CatalogDbContext db, CatalogChangeSignal changeSignal, OutboxSignal outboxSignal, TimeProvider clock)
    : IRequestHandler<ReserveStock, StockReservationResult>
{
    public async Task<StockReservationResult> Handle(ReserveStock request, CancellationToken cancellationToken)
    {
        var variantIds = request.Lines.Select(l => l.VariantId).ToList();
        var known = await db.Variants.AsNoTracking()
            .Where(v => variantIds.Contains(v.Id))
            .Join(db.Products, v => v.ProductId, p => p.Id, (v, p) => new VariantOnSale(v.Id, p.Id, v.Sku, p.IsDigital, p.IsPublished && !p.IsDeleted))
            .ToDictionaryAsync(v => v.VariantId, cancellationToken);

        // Unknown, unpublished and deleted variants cannot be sold whatever the stock: short with nothing available.
        var unsellable = request.Lines
            .Where(l => known.GetValueOrDefault(l.VariantId) is not { Listed: true })
            .Select(l => new StockShortage(l.VariantId, known.GetValueOrDefault(l.VariantId)?.Sku ?? string.Empty, l.Quantity, 0))
            .ToList();
        if (unsellable.Count > 0 && !await IsReservedAsync(request.OrderReference, cancellationToken))
        {
            return new StockReservationResult(false, unsellable);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var lines = request.Lines.Select(l => (Line: l, Variant: known.GetValueOrDefault(l.VariantId))).OrderBy(l => l.Line.VariantId).ToList();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await IsReservedAsync(request.OrderReference, cancellationToken))
            {
                // Sent again (a retried checkout): the first outcome stands and nothing more is taken.
                return StockReservationResult.Success;
            }

            if (unsellable.Count > 0)
            {
                return new StockReservationResult(false, unsellable);
            }

            var shortLines = new List<StockRequest>();
            var moves = new List<StockLedger.Move>();
            foreach (var (line, variant) in lines)
            {
                if (variant!.IsDigital)
                {
                    continue;
                }

                if (await StockLedger.TryTakeAsync(db, line.VariantId, line.Quantity, cancellationToken))
                {
                    moves.Add(new StockLedger.Move(variant.ProductId, line.VariantId, -line.Quantity));
                }
                else
                {
                    shortLines.Add(line);
                }
            }

            if (shortLines.Count > 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return new StockReservationResult(false, await ShortagesAsync(shortLines, cancellationToken));
            }

            await StockLedger.MoveProductTotalsAsync(db, moves.Select(m => (m.ProductId, m.Delta)), cancellationToken);
            foreach (var (line, variant) in lines)
            {
                db.StockReservations.Add(new StockReservation(Guid.CreateVersion7(), request.OrderReference, variant!.ProductId, line.VariantId, line.Quantity, tracksStock: !variant.IsDigital, now));
            }

            await StockLedger.RecordAsync(db, moves, StockLedger.Reserved, $"Reserved for order {request.OrderReference}", now, cancellationToken);
            await changeSignal.SignalAfterCommitAsync(db);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same order reserved in a racing transaction that committed first (PostgreSQL: the unique index on
                // order and variant refused these rows after waiting for it). Its outcome stands; this one took nothing.
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                if (await IsReservedAsync(request.OrderReference, CancellationToken.None))
                {
                    return StockReservationResult.Success;
                }

                throw;
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            // Whatever did not commit must not be saved by the unit of work after the handler.
            db.ChangeTracker.Clear();
            await db.Database.CloseConnectionAsync();
        }

        outboxSignal.Notify(CatalogModule.Name);
        return StockReservationResult.Success;
    }

    private Task<bool> IsReservedAsync(string orderReference, CancellationToken cancellationToken) =>
        db.StockReservations.AsNoTracking().AnyAsync(r => r.OrderReference == orderReference, cancellationToken);

    /// <summary>What each short line could have had, read after the rollback (the stock as it is now).</summary>
    private async Task<List<StockShortage>> ShortagesAsync(List<StockRequest> lines, CancellationToken cancellationToken)
    {
        var ids = lines.Select(l => l.VariantId).ToList();
        var stock = await db.Variants.AsNoTracking().Where(v => ids.Contains(v.Id))
            .Select(v => new { v.Id, v.Sku, v.StockOnHand }).ToDictionaryAsync(v => v.Id, cancellationToken);
        return lines
            .Select(l => stock.TryGetValue(l.VariantId, out var v)
                ? new StockShortage(l.VariantId, v.Sku, l.Quantity, Math.Max(v.StockOnHand, 0))
                : new StockShortage(l.VariantId, string.Empty, l.Quantity, 0))
            .ToList();
    }

    private sealed record VariantOnSale(Guid VariantId, Guid ProductId, string Sku, bool IsDigital, bool Listed);
}
