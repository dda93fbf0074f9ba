using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Contracts.Inventory;

/// <summary>
/// Takes stock out of what can be sold for an order that is being placed: every line or none, never below zero,
/// also when many orders race for the last items (SQLite and PostgreSQL). Sending it again for the same
/// <see cref="OrderReference"/> answers the first outcome and takes nothing more, so a retried checkout is safe.
/// </summary>
/// <param name="OrderReference">The order the stock is held for (1–64 characters).</param>
/// <param name="Lines">One entry per variant; quantities greater than zero.</param>
public sealed record ReserveStock(string OrderReference, IReadOnlyList<StockRequest> Lines) : ICommand<StockReservationResult>;

/// <summary>A quantity of one variant.</summary>
public sealed record StockRequest(Guid VariantId, int Quantity);

/// <summary>
/// The outcome of <see cref="ReserveStock"/>: reserved, or refused with every line that could not be served
/// (nothing is reserved then).
/// </summary>
public sealed record StockReservationResult(bool Reserved, IReadOnlyList<StockShortage> Shortages)
{
    public static StockReservationResult Success { get; } = new(true, []);
}

/// <summary>A line that could not be served: <see cref="Available"/> is what could be sold now (0 for an unknown or unpublished variant).</summary>
public sealed record StockShortage(Guid VariantId, string Sku, int Requested, int Available);
