using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Messaging;

namespace Nexus.Modules.Catalog.Features;

/// <summary>
/// The set-based stock moves of reservations (docs/decisions/0016). Every move is one conditional <c>UPDATE</c> that
/// changes stock relative to what the database holds at that moment — never a value read earlier — so two orders racing
/// for the last item cannot both get it, and the change tracker never writes a stale stock value back (nothing here is
/// tracked). The product's total and its concurrency token move in the same transaction: a product form or an inventory
/// adjustment loaded before the move then fails its save with a concurrency conflict instead of overwriting the stock.
/// Rows are locked in one order (variants by id, then products by id) so concurrent reservations cannot deadlock on
/// PostgreSQL.
/// </summary>
internal static class StockLedger
{
    /// <summary>The reason on events and the inventory trail when an order takes stock.</summary>
    public const string Reserved = "reserved";

    /// <summary>The reason on events when an order's stock goes back on sale.</summary>
    public const string Released = "released";

    /// <summary>Takes <paramref name="quantity"/> off the variant if that much is on hand; false (nothing changed) if not.</summary>
    public static async Task<bool> TryTakeAsync(CatalogDbContext db, Guid variantId, int quantity, CancellationToken cancellationToken) =>
        await db.Variants
            .Where(v => v.Id == variantId && v.StockOnHand >= quantity)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.StockOnHand, v => v.StockOnHand - quantity), cancellationToken) == 1;

    /// <summary>
    /// Moves the variant's stock by <paramref name="delta"/> (either way) unless that would leave it below zero; false
    /// (nothing changed) if it would, or if there is no such variant.
    /// </summary>
    public static async Task<bool> TryMoveAsync(CatalogDbContext db, Guid variantId, int delta, CancellationToken cancellationToken) =>
        await db.Variants
            .Where(v => v.Id == variantId && v.StockOnHand + delta >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.StockOnHand, v => v.StockOnHand + delta), cancellationToken) == 1;

    /// <summary>Puts <paramref name="quantity"/> back on the variant.</summary>
    public static Task PutBackAsync(CatalogDbContext db, Guid variantId, int quantity, CancellationToken cancellationToken) =>
        db.Variants
            .Where(v => v.Id == variantId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.StockOnHand, v => v.StockOnHand + quantity), cancellationToken);

    /// <summary>Moves each product's total by its variants' moves and bumps its concurrency token (see the class remarks).</summary>
    public static async Task MoveProductTotalsAsync(CatalogDbContext db, IEnumerable<(Guid ProductId, int Delta)> moves, CancellationToken cancellationToken)
    {
        foreach (var (productId, delta) in moves.GroupBy(m => m.ProductId).Select(g => (g.Key, g.Sum(m => m.Delta))).OrderBy(m => m.Key))
        {
            await db.Products
                .Where(p => p.Id == productId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.StockOnHand, p => p.StockOnHand + delta).SetProperty(p => p.Version, p => p.Version + 1), cancellationToken);
        }
    }

    /// <summary>As <see cref="MoveProductTotalsAsync"/>, for a change someone made by hand: the product's "updated" time moves too.</summary>
    public static Task MoveProductTotalByHandAsync(CatalogDbContext db, Guid productId, int delta, DateTime now, CancellationToken cancellationToken) =>
        db.Products
            .Where(p => p.Id == productId)
            .ExecuteUpdateAsync(
                s => s.SetProperty(p => p.StockOnHand, p => p.StockOnHand + delta).SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.UpdatedAt, now),
                cancellationToken);

    /// <summary>
    /// Records moves made in the current transaction: a row in the inventory trail and a "stock changed" event per
    /// variant, "low stock" when a product's total crossed its threshold — read back from the rows as they are now.
    /// The events go into the outbox in this transaction, so they exist if and only if the move does.
    /// </summary>
    public static async Task RecordAsync(CatalogDbContext db, IReadOnlyList<Move> moves, string reason, string trailReason, DateTime now, CancellationToken cancellationToken) =>
        await RecordAsync(db, moves, reason, trailReason, InventoryActor, now, cancellationToken);

    /// <summary>As above, naming who moved the stock in the trail (a user id for a change made by hand).</summary>
    public static async Task<int> RecordAsync(CatalogDbContext db, IReadOnlyList<Move> moves, string reason, string trailReason, string actorId, DateTime now, CancellationToken cancellationToken)
    {
        var variantIds = moves.Select(m => m.VariantId).ToList();
        var variants = await db.Variants.AsNoTracking().Where(v => variantIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Sku, v.StockOnHand }).ToDictionaryAsync(v => v.Id, cancellationToken);
        var productIds = moves.Select(m => m.ProductId).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Sku, p.Name, p.StockOnHand, p.LowStockThreshold, p.IsDigital }).ToDictionaryAsync(p => p.Id, cancellationToken);

        var events = new List<IntegrationEvent>(moves.Count + 1);
        foreach (var move in moves)
        {
            var variant = variants[move.VariantId];
            var product = products[move.ProductId];
            db.InventoryAdjustments.Add(new InventoryAdjustment(Guid.CreateVersion7(), move.ProductId, move.VariantId, move.Delta, variant.StockOnHand, trailReason, actorId, now));
            events.Add(new StockChanged(move.ProductId, move.VariantId, variant.Sku, move.Delta, variant.StockOnHand, product.StockOnHand, reason));
        }

        foreach (var product in products.Values)
        {
            var before = product.StockOnHand - moves.Where(m => m.ProductId == product.Id).Sum(m => m.Delta);
            if (!product.IsDigital && before > product.LowStockThreshold && product.StockOnHand <= product.LowStockThreshold)
            {
                events.Add(new LowStockReached(product.Id, product.Sku, product.Name, product.StockOnHand, product.LowStockThreshold));
            }
        }

        foreach (var integrationEvent in events)
        {
            db.Outbox.Add(OutboxMessage.Pending(IntegrationEventContract.ToEnvelope(integrationEvent), now));
        }

        // What the (last) move left on its variant: the answer an adjustment gives.
        return moves.Count == 0 ? 0 : variants[moves[^1].VariantId].StockOnHand;
    }

    /// <summary>Who the inventory trail names for stock moved by orders.</summary>
    public const string InventoryActor = "orders";

    /// <summary>One variant's stock moved by <see cref="Delta"/> (negative when taken).</summary>
    public readonly record struct Move(Guid ProductId, Guid VariantId, int Delta);
}
