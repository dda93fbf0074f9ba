using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Ordering.Contracts.Orders;

/// <summary>A customer's latest orders, newest first, for the account overview.</summary>
public sealed record GetRecentOrders(string CustomerId, int Count) : IQuery<IReadOnlyList<OrderSummary>>;

/// <param name="Status">The order's status as the customer reads it ("Paid", "Shipped"…).</param>
public sealed record OrderSummary(Guid OrderId, string OrderNumber, DateTimeOffset PlacedAt, string Status, int ItemCount, long TotalMinor, string Currency);
