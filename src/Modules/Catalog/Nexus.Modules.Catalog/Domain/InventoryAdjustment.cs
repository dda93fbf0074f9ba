namespace Nexus.Modules.Catalog.Domain;

/// <summary>
/// The audit trail of stock: every change to a variant's stock on hand, by whom, why and what it left. Rows are
/// only ever added.
/// </summary>
internal sealed class InventoryAdjustment
{
    public const int ReasonMaxLength = 200;
    public const int ActorMaxLength = 64;

    private InventoryAdjustment()
    {
    }

    public InventoryAdjustment(Guid id, Guid productId, Guid variantId, int delta, int stockAfter, string reason, string actorId, DateTime at)
    {
        Id = id;
        ProductId = productId;
        VariantId = variantId;
        Delta = delta;
        StockAfter = stockAfter;
        Reason = reason;
        ActorId = actorId;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ProductId { get; private set; }

    public Guid VariantId { get; private set; }

    public int Delta { get; private set; }

    public int StockAfter { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    /// <summary>The user id of who made the change ("system" for imports and seeds).</summary>
    public string ActorId { get; private set; } = string.Empty;

    public DateTime At { get; private set; }
}
