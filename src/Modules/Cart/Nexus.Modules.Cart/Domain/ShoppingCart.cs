namespace Nexus.Modules.Cart.Domain;

/// <summary>
/// A shopper's cart: a signed-in customer's (<see cref="CustomerId"/>) or a guest's (<see cref="GuestToken"/>, the
/// cart cookie), never both. Quantities are kept between 1 and the per-line cap; stock limits are applied by the
/// handlers, which know the catalog's answer. <see cref="Version"/> is an optimistic concurrency token: two requests
/// changing the same cart at once cannot both win, which is what keeps a merge from counting a guest cart twice.
/// </summary>
internal sealed class ShoppingCart
{
    public const int GuestTokenMaxLength = 64;
    public const int CustomerIdMaxLength = 64;
    public const int CouponCodeMaxLength = 40;

    private readonly List<CartLine> lines = [];

    private ShoppingCart()
    {
    }

    private ShoppingCart(Guid id, string? customerId, string? guestToken, DateTime now)
    {
        Id = id;
        CustomerId = customerId;
        GuestToken = guestToken;
        CreatedAt = now;
        UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public string? CustomerId { get; private set; }

    public string? GuestToken { get; private set; }

    public string? CouponCode { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<CartLine> Lines => lines;

    public int ItemCount => lines.Sum(l => l.Quantity);

    public static ShoppingCart ForCustomer(string customerId, DateTime now) => new(Guid.CreateVersion7(), customerId, null, now);

    public static ShoppingCart ForGuest(string guestToken, DateTime now) => new(Guid.CreateVersion7(), null, guestToken, now);

    public CartLine? Line(Guid lineId) => lines.FirstOrDefault(l => l.Id == lineId);

    public CartLine? LineFor(Guid variantId) => lines.FirstOrDefault(l => l.VariantId == variantId);

    /// <summary>
    /// Adds <paramref name="quantity"/> of a variant (to its line when there is one), capped at <paramref name="limit"/>
    /// in total; answers the quantity the line holds afterwards (0 when nothing could be added to a new line).
    /// </summary>
    public int Add(Guid variantId, int quantity, long currentPriceMinor, int limit, DateTime now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        var line = LineFor(variantId);
        var wanted = Math.Min((long)(line?.Quantity ?? 0) + quantity, limit);
        if (line is null)
        {
            if (wanted <= 0)
            {
                return 0;
            }

            lines.Add(new CartLine(Guid.CreateVersion7(), Id, variantId, (int)wanted, currentPriceMinor, now));
        }
        else if (wanted > 0)
        {
            line.SetQuantity((int)wanted);
        }

        Touch(now);
        return (int)Math.Max(0, wanted);
    }

    public void SetQuantity(CartLine line, int quantity, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(line);
        line.SetQuantity(quantity);
        Touch(now);
    }

    public void Remove(CartLine line, DateTime now)
    {
        lines.Remove(line);
        Touch(now);
    }

    public void ApplyCoupon(string code, DateTime now)
    {
        CouponCode = code;
        Touch(now);
    }

    public void RemoveCoupon(DateTime now)
    {
        CouponCode = null;
        Touch(now);
    }

    /// <summary>Checkout placed an order from the cart: it is emptied (coupon included) and stays, for the shopper's next order.</summary>
    public void Empty(DateTime now)
    {
        lines.Clear();
        CouponCode = null;
        Touch(now);
    }

    /// <summary>A guest cart becomes the customer's (the customer had no cart of their own).</summary>
    public void HandTo(string customerId, DateTime now)
    {
        CustomerId = customerId;
        GuestToken = null;
        Touch(now);
    }

    /// <summary>
    /// Takes a guest cart's lines into this one: the same variant has its quantities summed and capped by
    /// <paramref name="limitFor"/> (stock and the per-line cap), but never below the larger of the two quantities — a
    /// merge never loses what either cart held (a line above stock is then clamped, with a message, when the cart is
    /// shown) and never holds more than their sum. The guest's coupon is kept when this cart has none.
    /// </summary>
    public void MergeFrom(ShoppingCart guest, Func<Guid, int> limitFor, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentNullException.ThrowIfNull(limitFor);
        foreach (var line in guest.Lines)
        {
            var limit = Math.Max(limitFor(line.VariantId), Math.Max(line.Quantity, LineFor(line.VariantId)?.Quantity ?? 0));
            Add(line.VariantId, line.Quantity, line.PriceWhenAddedMinor, limit, now);
        }

        if (CouponCode is null && guest.CouponCode is not null)
        {
            CouponCode = guest.CouponCode;
        }

        Touch(now);
    }

    /// <summary>Bumps <see cref="Version"/> so a concurrent writer of the same cart fails instead of overwriting.</summary>
    public void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
