using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Ordering.Features.Orders;
using Nexus.Modules.Ordering.Features;

namespace Nexus.Modules.Ordering.Pages;

/// <summary>What <c>_OrderingTotals</c> shows, from a cart being checked out or from a placed order.</summary>
internal sealed record TotalsView(
    string Currency,
    IReadOnlyList<TotalsLine> Lines,
    long SubtotalMinor,
    long DiscountMinor,
    long TaxMinor,
    long ShippingMinor,
    long TotalMinor,
    string? CouponCode,
    bool RequiresShipping)
{
    public static TotalsView From(CheckoutCart cart) => new(
        cart.Currency,
        [.. cart.Lines.Select(l => new TotalsLine(l.ProductName, l.VariantTitle, l.Quantity, l.UnitPriceMinor, l.LineTotalMinor, l.IsDigital))],
        cart.Totals.SubtotalMinor,
        cart.Totals.DiscountMinor,
        cart.Totals.TaxMinor,
        cart.Totals.ShippingMinor,
        cart.Totals.TotalMinor,
        cart.CouponCode,
        cart.RequiresShipping);

    public static TotalsView From(OrderView order) => new(
        order.Currency,
        [.. order.Lines.Select(l => new TotalsLine(l.ProductName, l.VariantTitle, l.Quantity, l.UnitPriceMinor, l.LineTotalMinor, l.IsDigital))],
        order.SubtotalMinor,
        order.DiscountMinor,
        order.TaxMinor,
        order.ShippingMinor,
        order.TotalMinor,
        order.CouponCode,
        order.ShippingMethod is not null);
}

internal sealed record TotalsLine(string Name, string Variant, int Quantity, long UnitPriceMinor, long LineTotalMinor, bool IsDigital);
