namespace Nexus.Modules.Cart.Domain;

/// <summary>A quantity of one variant that an open checkout's order took from the cart.</summary>
internal sealed class CartCheckoutLine
{
    private CartCheckoutLine()
    {
    }

    public CartCheckoutLine(Guid orderId, Guid variantId, int quantity)
    {
        OrderId = orderId;
        VariantId = variantId;
        Quantity = quantity;
    }

    public Guid OrderId { get; private set; }

    public Guid VariantId { get; private set; }

    public int Quantity { get; private set; }
}
