using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>An order was cancelled (by the shopper, the back office, or because it was left unpaid); its stock was released.</summary>
[IntegrationEvent("ordering.order-cancelled", 1)]
public sealed record OrderCancelled(Guid OrderId, string OrderNumber, string? CustomerId, string Reason) : IntegrationEvent;
