using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Cart.Contracts;

/// <summary>
/// Orders placed from this cart that were neither paid nor cancelled yet, newest first (docs/decisions/0023). The
/// checkout page links to them; placing a new order from the same cart cancels them, so stock is never held twice.
/// </summary>
public sealed record GetUnpaidCheckouts(Guid CartId) : IQuery<IReadOnlyList<UnpaidCheckout>>;

public sealed record UnpaidCheckout(Guid OrderId, string OrderNumber);
