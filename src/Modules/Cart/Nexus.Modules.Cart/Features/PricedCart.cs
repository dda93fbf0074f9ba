using Nexus.Modules.Cart.Contracts;

namespace Nexus.Modules.Cart.Features;

/// <summary>Why a line cannot be bought as it stands (or <see cref="Ok"/>).</summary>
internal enum LineState
{
    Ok,
    AboveStock,
    SoldOut,
    Withdrawn,
}

/// <summary>A cart line priced now, with what the cart page needs to show it.</summary>
internal sealed record PricedLine(
    Guid LineId,
    Guid VariantId,
    Guid ProductId,
    string Sku,
    string ProductName,
    string VariantTitle,
    string? ProductSlug,
    string? ImageUrl,
    int Quantity,
    long UnitPriceMinor,
    long PriceWhenAddedMinor,
    long LineTotalMinor,
    bool IsDigital,
    int Available,
    LineState State)
{
    public bool PriceChanged => PriceWhenAddedMinor != UnitPriceMinor && State != LineState.Withdrawn;

    public bool CanBuy => State == LineState.Ok;

    /// <summary>In the totals: everything but sold-out and withdrawn lines (a line above stock is charged as it stands, and flagged).</summary>
    public bool IsCharged => State is LineState.Ok or LineState.AboveStock;
}

/// <summary>
/// A cart priced by <see cref="CartPricing"/> from the catalog's current prices and stock and the coupon's current
/// answer. Withdrawn and sold-out lines are shown but not charged (their line total is 0).
/// </summary>
internal sealed record PricedCart(
    Guid? CartId,
    string Currency,
    IReadOnlyList<PricedLine> Lines,
    string? CouponCode,
    bool CouponApplies,
    string? CouponMessage,
    CartTotals Totals,
    bool RequiresShipping,
    IReadOnlyList<string> Problems)
{
    public int ItemCount => Lines.Sum(l => l.Quantity);

    public bool IsEmpty => Lines.Count == 0;

    public static PricedCart Empty(string currency, CartTotals totals) => new(null, currency, [], null, false, null, totals, false, []);
}
