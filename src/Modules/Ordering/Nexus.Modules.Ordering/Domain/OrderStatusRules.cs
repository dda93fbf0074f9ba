namespace Nexus.Modules.Ordering.Domain;

/// <summary>
/// The one place that says which status may follow which (docs/decisions/0022). Everything that changes an order's
/// status goes through <see cref="Order.MoveTo"/>, which asks here; the unit tests walk every pair.
/// </summary>
internal static class OrderStatusRules
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Allowed = new()
    {
        [OrderStatus.Pending] = [OrderStatus.Paid, OrderStatus.Cancelled],
        // Partially refunded is where an order ends when part of its money went back and nothing is left to fulfil:
        // from Paid only for an order with nothing to ship (digital); an order with goods still to ship or in transit
        // keeps its status through a partial refund (Order.RefundSucceeded), so it can still ship and be delivered.
        [OrderStatus.Paid] = [OrderStatus.Processing, OrderStatus.Cancelled, OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        [OrderStatus.Processing] = [OrderStatus.Shipped, OrderStatus.Cancelled, OrderStatus.Refunded],
        [OrderStatus.Shipped] = [OrderStatus.Delivered, OrderStatus.Refunded],
        [OrderStatus.Delivered] = [OrderStatus.Refunded, OrderStatus.PartiallyRefunded],
        // A second partial refund keeps the status (a new timeline entry); refunding the rest ends it.
        [OrderStatus.PartiallyRefunded] = [OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.Refunded] = [],
    };

    public static bool CanMove(OrderStatus from, OrderStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<OrderStatus> Next(OrderStatus from) => Allowed[from];

    /// <summary>The money was captured at some point (the order was paid, whatever happened since).</summary>
    public static bool WasPaid(OrderStatus status) => status is not (OrderStatus.Pending or OrderStatus.Cancelled);

    /// <summary>The status as the customer reads it.</summary>
    public static string Describe(OrderStatus status) => status switch
    {
        OrderStatus.Pending => "Awaiting payment",
        OrderStatus.Paid => "Paid",
        OrderStatus.Processing => "Processing",
        OrderStatus.Shipped => "Shipped",
        OrderStatus.Delivered => "Delivered",
        OrderStatus.Cancelled => "Cancelled",
        OrderStatus.Refunded => "Refunded",
        OrderStatus.PartiallyRefunded => "Partially refunded",
        _ => status.ToString(),
    };
}
