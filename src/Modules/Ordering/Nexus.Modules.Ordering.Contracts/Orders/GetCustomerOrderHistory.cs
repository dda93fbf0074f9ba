using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Contracts.Orders;

/// <summary>
/// A customer's orders for the back office's customer view: how many, their lifetime value (paid minus refunded, in
/// the shop's currency) and the latest <see cref="Take"/> orders, newest first.
/// </summary>
public sealed record GetCustomerOrderHistory(string CustomerId, int Take) : IQuery<CustomerOrderHistory>;

public sealed record CustomerOrderHistory(
    int OrderCount,
    int PaidOrderCount,
    long LifetimeValueMinor,
    string Currency,
    DateTimeOffset? FirstOrderAt,
    DateTimeOffset? LastOrderAt,
    IReadOnlyList<OrderSummary> Recent);
