using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Contracts.Inventory;

/// <summary>
/// Marks an order's reservation as sold (the order was paid): the stock stays out, and the scheduled release of
/// unpaid orders no longer touches it. Idempotent; answers false when the order holds no reservation.
/// </summary>
public sealed record CommitStock(string OrderReference) : ICommand<bool>;
