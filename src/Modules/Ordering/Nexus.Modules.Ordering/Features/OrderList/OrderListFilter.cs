using Nexus.Modules.Ordering.Domain;

namespace Nexus.Modules.Ordering.Features.OrderList;

/// <summary>How an order stands with its money, as the back office filters it (derived from status and paid time).</summary>
internal enum OrderPaymentState
{
    /// <summary>Placed, not paid yet.</summary>
    Unpaid,

    /// <summary>Paid and nothing given back.</summary>
    Paid,

    /// <summary>Some or all of the money was given back.</summary>
    Refunded,

    /// <summary>Cancelled before it was ever paid (left unpaid, card declined).</summary>
    Voided,
}

/// <summary>What an order holds: only digital lines (nothing is shipped) or something to ship.</summary>
internal enum OrderContents
{
    Digital,
    Physical,
}

internal enum OrderListSort
{
    Date,
    Total,
    Number,
    Status,
}

/// <summary>
/// The back office's order filters, already checked and in the database's terms (UTC instants, minor units, upper-case
/// number prefix, lower-case e-mail prefix). <see cref="PlacedBeforeUtc"/> is exclusive. <see cref="Numbers"/>, when
/// given, narrows to exactly those orders (the selection of the list's checkboxes).
/// </summary>
internal sealed record OrderListFilter
{
    public OrderStatus? Status { get; init; }

    public DateTime? PlacedFromUtc { get; init; }

    public DateTime? PlacedBeforeUtc { get; init; }

    public string? CustomerId { get; init; }

    public long? MinTotalMinor { get; init; }

    public long? MaxTotalMinor { get; init; }

    public OrderPaymentState? Payment { get; init; }

    public OrderContents? Contents { get; init; }

    /// <summary>An order number or the start of one (<c>NX-…</c>, upper case).</summary>
    public string? NumberPrefix { get; init; }

    /// <summary>The start of an e-mail address (lower case, as orders store it).</summary>
    public string? EmailPrefix { get; init; }

    public IReadOnlyList<string> Numbers { get; init; } = [];

    public OrderListSort Sort { get; init; } = OrderListSort.Date;

    public bool Descending { get; init; } = true;
}
