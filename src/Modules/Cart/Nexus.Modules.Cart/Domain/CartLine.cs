namespace Nexus.Modules.Cart.Domain;

/// <summary>
/// A quantity of one catalog variant. <see cref="PriceWhenAddedMinor"/> is only for the "the price changed since you
/// added it" notice: what the shopper pays is always the catalog's current price.
/// </summary>
internal sealed class CartLine
{
    private CartLine()
    {
    }

    public CartLine(Guid id, Guid cartId, Guid variantId, int quantity, long priceWhenAddedMinor, DateTime addedAt)
    {
        Id = id;
        CartId = cartId;
        VariantId = variantId;
        Quantity = quantity;
        PriceWhenAddedMinor = priceWhenAddedMinor;
        AddedAt = addedAt;
    }

    public Guid Id { get; private set; }

    public Guid CartId { get; private set; }

    public Guid VariantId { get; private set; }

    public int Quantity { get; private set; }

    public long PriceWhenAddedMinor { get; private set; }

    public DateTime AddedAt { get; private set; }

    internal void SetQuantity(int quantity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Quantity = quantity;
    }
}
