using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Contracts.Inventory;

/// <summary>
/// Puts an order's reserved stock back on sale (payment failed, order cancelled, left unpaid). Idempotent: answers
/// false when there is nothing (left) to release for <see cref="OrderReference"/>. A reservation that was sold
/// (<see cref="CommitStock"/>) is released too when <see cref="IncludeSold"/> is set (a cancelled paid order).
/// </summary>
public sealed record ReleaseStock(string OrderReference, string Reason, bool IncludeSold = false) : ICommand<bool>;
