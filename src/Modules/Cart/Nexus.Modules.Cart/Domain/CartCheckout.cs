namespace Nexus.Modules.Cart.Domain;

/// <summary>
/// An order placed from a cart and not yet settled (docs/decisions/0023). The cart keeps its lines until the order is
/// paid — a declined card must not leave the shopper with an empty cart — so this record says which lines the order
/// took: when the order is paid exactly those quantities (and its coupon) leave the cart; when it is cancelled the
/// cart is left as it is. While it is open the cart page links to the order's payment page, and the stock the order
/// holds counts as the cart's own (the shopper's lines are not "sold out" because of their own unpaid order).
/// </summary>
internal sealed class CartCheckout
{
    public const int OrderNumberMaxLength = 32;

    private readonly List<CartCheckoutLine> lines = [];

    private CartCheckout()
    {
    }

    public CartCheckout(Guid orderId, Guid cartId, string orderNumber, string? couponCode, IEnumerable<(Guid VariantId, int Quantity)> orderedLines, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(orderedLines);
        OrderId = orderId;
        CartId = cartId;
        OrderNumber = orderNumber;
        CouponCode = couponCode;
        StartedAt = now;
        foreach (var (variantId, quantity) in orderedLines.GroupBy(l => l.VariantId).Select(g => (g.Key, g.Sum(l => l.Quantity))))
        {
            lines.Add(new CartCheckoutLine(orderId, variantId, quantity));
        }
    }

    /// <summary>The order's id (one checkout record per order).</summary>
    public Guid OrderId { get; private set; }

    public Guid CartId { get; private set; }

    public string OrderNumber { get; private set; } = string.Empty;

    public string? CouponCode { get; private set; }

    public DateTime StartedAt { get; private set; }

    /// <summary>When the order was paid or cancelled; null while it waits for payment.</summary>
    public DateTime? SettledAt { get; private set; }

    public bool? Paid { get; private set; }

    public IReadOnlyList<CartCheckoutLine> Lines => lines;

    public bool IsOpen => SettledAt is null;

    /// <summary>The cart of a guest who signed in was merged into the customer's cart: the checkout follows the lines.</summary>
    public void MoveTo(Guid cartId) => CartId = cartId;

    /// <summary>
    /// The order was paid: the ordered quantities leave <paramref name="cart"/> (a line the shopper lowered meanwhile
    /// goes entirely, never below zero; lines added since stay) and so does the order's coupon. Answers false when
    /// already settled — the event that tells it may come twice.
    /// </summary>
    public bool SettlePaid(ShoppingCart? cart, DateTime now)
    {
        if (!IsOpen)
        {
            return false;
        }

        if (cart is not null)
        {
            foreach (var ordered in lines)
            {
                if (cart.LineFor(ordered.VariantId) is not { } line)
                {
                    continue;
                }

                if (line.Quantity > ordered.Quantity)
                {
                    cart.SetQuantity(line, line.Quantity - ordered.Quantity, now);
                }
                else
                {
                    cart.Remove(line, now);
                }
            }

            if (CouponCode is not null && string.Equals(cart.CouponCode, CouponCode, StringComparison.OrdinalIgnoreCase))
            {
                cart.RemoveCoupon(now);
            }
        }

        SettledAt = now;
        Paid = true;
        return true;
    }

    /// <summary>The order was cancelled (not paid in time, replaced by a new checkout): the cart keeps every line.</summary>
    public bool SettleCancelled(DateTime now)
    {
        if (!IsOpen)
        {
            return false;
        }

        SettledAt = now;
        Paid = false;
        return true;
    }
}
