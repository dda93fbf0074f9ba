using Nexus.Modules.Ordering.Domain;

namespace Nexus.Modules.Ordering.Features;

/// <summary>An order as its pages show it (read-only copy).</summary>
internal sealed record OrderView(
    Guid Id,
    string Number,
    string? CustomerId,
    string Email,
    string Currency,
    OrderStatus Status,
    IReadOnlyList<OrderLineView> Lines,
    long SubtotalMinor,
    long DiscountMinor,
    long TaxMinor,
    long ShippingMinor,
    long TotalMinor,
    string? CouponCode,
    string? ShippingMethod,
    AddressSnapshot? ShippingAddress,
    AddressSnapshot BillingAddress,
    Guid? PaymentId,
    DateTime CreatedAt,
    DateTime? PlacedAt,
    DateTime? PaidAt,
    string? CancelReason,
    IReadOnlyList<OrderTimelineEntry> Timeline)
{
    public string StatusText => OrderStatusRules.Describe(Status);

    public int ItemCount => Lines.Sum(l => l.Quantity);

    public bool AwaitsPayment => Status == OrderStatus.Pending && PlacedAt is not null;

    public static OrderView From(Order order) => new(
        order.Id,
        order.Number,
        order.CustomerId,
        order.Email,
        order.Currency,
        order.Status,
        [.. order.Lines.Select(l => new OrderLineView(l.VariantId, l.ProductId, l.Sku, l.ProductName, l.VariantTitle, l.Quantity, l.UnitPriceMinor, l.LineTotalMinor, l.IsDigital))],
        order.SubtotalMinor,
        order.DiscountMinor,
        order.TaxMinor,
        order.ShippingMinor,
        order.TotalMinor,
        order.CouponCode,
        order.ShippingMethod,
        order.ShippingAddress,
        order.BillingAddress,
        order.PaymentId,
        order.CreatedAt,
        order.PlacedAt,
        order.PaidAt,
        order.CancelReason,
        [.. order.History.OrderBy(h => h.At).Select(h => new OrderTimelineEntry(OrderStatusRules.Describe(h.To), h.Note, h.At))]);
}

internal sealed record OrderLineView(Guid VariantId, Guid ProductId, string Sku, string ProductName, string VariantTitle, int Quantity, long UnitPriceMinor, long LineTotalMinor, bool IsDigital);

internal sealed record OrderTimelineEntry(string Status, string? Note, DateTime At);
