using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>
/// An order moved from one status to another (every move after placing: paid, processing, shipped, delivered,
/// cancelled, refunded, partially refunded). Published through Ordering's outbox in the transaction that moved it;
/// live order pages and Analytics listen.
/// </summary>
/// <param name="From">The status before, as <c>OrderStatus</c> names it ("Paid", "Processing"…).</param>
/// <param name="To">The status after.</param>
/// <param name="ActorId">The member of staff or customer who moved it, or null for the system (a job, a webhook).</param>
[IntegrationEvent("ordering.order-status-changed", 1)]
public sealed record OrderStatusChanged(
    Guid OrderId,
    string OrderNumber,
    string? CustomerId,
    string From,
    string To,
    string? ActorId,
    DateTimeOffset ChangedAt) : IntegrationEvent;
