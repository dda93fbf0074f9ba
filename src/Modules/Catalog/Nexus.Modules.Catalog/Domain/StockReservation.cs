namespace Nexus.Modules.Catalog.Domain;

/// <summary>Where a reservation stands: holding stock for an unpaid order, sold with a paid one, or put back on sale.</summary>
internal enum StockReservationStatus
{
    Reserved,
    Sold,
    Released,
}

/// <summary>
/// Stock held for one order and one variant (docs/decisions/0016). The quantity left the variant's stock on hand when
/// the reservation was made, so "available to sell" stays simply <see cref="ProductVariant.StockOnHand"/>; releasing
/// puts it back, committing marks it sold. One row per order reference and variant (a unique index): a second
/// reservation for the same order cannot take stock again, also when two arrive at once.
/// </summary>
internal sealed class StockReservation
{
    public const int OrderReferenceMaxLength = 64;
    public const int ReasonMaxLength = 200;

    private StockReservation()
    {
    }

    public StockReservation(Guid id, string orderReference, Guid productId, Guid variantId, int quantity, bool tracksStock, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Id = id;
        OrderReference = orderReference;
        ProductId = productId;
        VariantId = variantId;
        Quantity = quantity;
        TracksStock = tracksStock;
        Status = StockReservationStatus.Reserved;
        ReservedAt = now;
    }

    public Guid Id { get; private set; }

    public string OrderReference { get; private set; } = string.Empty;

    public Guid ProductId { get; private set; }

    public Guid VariantId { get; private set; }

    public int Quantity { get; private set; }

    /// <summary>False for a digital product, which has no stock to take: the row records the sale, nothing is taken or put back.</summary>
    public bool TracksStock { get; private set; }

    public StockReservationStatus Status { get; private set; }

    public DateTime ReservedAt { get; private set; }

    public DateTime? SoldAt { get; private set; }

    public DateTime? ReleasedAt { get; private set; }

    /// <summary>Why the stock was put back (payment failed, order cancelled, left unpaid).</summary>
    public string? ReleaseReason { get; private set; }
}
