using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Management;

namespace Nexus.Modules.Ordering.Api;

/// <summary>
/// An order as the back-office API shows it: money in minor units of <see cref="Currency"/>, statuses as lower-case
/// words, and <see cref="AllowedActions"/> — what the caller's role may do to it now (the page's buttons).
/// </summary>
internal sealed record OrderResource(
    string Number,
    string Status,
    string StatusText,
    string Email,
    string Currency,
    OrderMoney Money,
    DateTime? PlacedAt,
    DateTime? PaidAt,
    IReadOnlyList<string> AllowedActions,
    IReadOnlyList<OrderLineResource> Lines,
    IReadOnlyList<ShipmentResource> Shipments,
    IReadOnlyList<RefundResource> Refunds,
    IReadOnlyList<TimelineEntry> Timeline,
    IReadOnlyList<NoteResource> Notes)
{
    public static OrderResource Of(Order order, bool isAdmin) => new(
        order.Number,
        StatusName(order.Status),
        OrderStatusRules.Describe(order.Status),
        order.Email,
        order.Currency,
        new OrderMoney(order.SubtotalMinor, order.DiscountMinor, order.TaxMinor, order.ShippingMinor, order.TotalMinor, order.PaidMinor, order.RefundedMinor, order.PendingRefundMinor, order.RefundableMinor),
        order.PlacedAt,
        order.PaidAt,
        StaffOrderActions.For(order, isAdmin),
        [.. order.Lines.Select(l => new OrderLineResource(l.Id, l.Sku, l.ProductName, l.VariantTitle, l.Quantity, l.UnitPriceMinor, l.LineTotalMinor, l.IsDigital, l.IsDigital ? 0 : order.UnshippedQuantity(l)))],
        [.. order.Shipments.Select(s => new ShipmentResource(s.Carrier, s.TrackingNumber, s.TrackingUrl, s.ShippedAt, [.. s.Lines.Select(l => new LineQuantity(l.LineId, l.Quantity))]))],
        [.. order.Refunds.Select(r => new RefundResource(r.Id, r.AmountMinor, r.Reason, r.Status.ToString().ToLowerInvariant(), r.FailureMessage, r.RequestedAt, r.SettledAt))],
        [.. order.History.OrderBy(h => h.At).Select(h => new TimelineEntry(h.From is { } from ? StatusName(from) : null, StatusName(h.To), h.Note, h.At))],
        [.. order.Notes.Select(n => new NoteResource(n.Text, n.Author, n.At))]);

    /// <summary>"paid", "partially-refunded": stable words for scripts, whatever the enum's names become.</summary>
    public static string StatusName(OrderStatus status) => status switch
    {
        OrderStatus.PartiallyRefunded => "partially-refunded",
        _ => status.ToString().ToLowerInvariant(),
    };
}

internal sealed record OrderMoney(long SubtotalMinor, long DiscountMinor, long TaxMinor, long ShippingMinor, long TotalMinor, long PaidMinor, long RefundedMinor, long PendingRefundMinor, long RefundableMinor);

internal sealed record OrderLineResource(Guid Id, string Sku, string ProductName, string VariantTitle, int Quantity, long UnitPriceMinor, long LineTotalMinor, bool Digital, int UnshippedQuantity);

internal sealed record ShipmentResource(string Carrier, string TrackingNumber, string? TrackingUrl, DateTime ShippedAt, IReadOnlyList<LineQuantity> Lines);

internal sealed record RefundResource(Guid Id, long AmountMinor, string Reason, string Status, string? FailureMessage, DateTime RequestedAt, DateTime? SettledAt);

internal sealed record TimelineEntry(string? From, string To, string? Note, DateTime At);

internal sealed record NoteResource(string Text, string Author, DateTime At);
