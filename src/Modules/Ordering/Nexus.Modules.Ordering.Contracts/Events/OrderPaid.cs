using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>An order's payment was captured. Licensing issues keys for its digital lines.</summary>
[IntegrationEvent("ordering.order-paid", 1)]
public sealed record OrderPaid(Guid OrderId, string CustomerId, IReadOnlyList<PaidOrderLine> Lines) : IntegrationEvent;
