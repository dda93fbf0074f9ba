namespace Nexus.Modules.Ordering.Domain;

/// <summary>Where an order stands. The moves between them are defined in one place: <see cref="OrderStatusRules"/>.</summary>
internal enum OrderStatus
{
    /// <summary>Placed (stock reserved), not paid yet. Cancelled by the unpaid-order job when left too long.</summary>
    Pending = 0,

    /// <summary>The payment was captured.</summary>
    Paid = 1,

    /// <summary>The shop is preparing it.</summary>
    Processing = 2,

    Shipped = 3,

    Delivered = 4,

    Cancelled = 5,

    /// <summary>All of the money was given back.</summary>
    Refunded = 6,

    /// <summary>Part of the money was given back.</summary>
    PartiallyRefunded = 7,
}
