namespace Nexus.Modules.Ordering.Domain;

/// <summary>Everything an order is made of at placing; the lines and amounts come from the cart's checkout view.</summary>
internal sealed record OrderDraft(
    string IdempotencyKey,
    Guid CartId,
    string? CustomerId,
    string Email,
    string Currency,
    IReadOnlyList<OrderDraftLine> Lines,
    long SubtotalMinor,
    long DiscountMinor,
    long TaxMinor,
    long ShippingMinor,
    long TotalMinor,
    string? CouponCode,
    string? ShippingMethod,
    AddressSnapshot? ShippingAddress,
    AddressSnapshot BillingAddress);

internal sealed record OrderDraftLine(Guid VariantId, Guid ProductId, string Sku, string ProductName, string VariantTitle, int Quantity, long UnitPriceMinor, long LineTotalMinor, bool IsDigital);
