using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>An order's payment was declined or failed; the order stays unpaid (the shopper may try again).</summary>
[IntegrationEvent("ordering.order-payment-failed", 1)]
public sealed record OrderPaymentFailed(Guid OrderId, string OrderNumber, string? CustomerId, string Reason) : IntegrationEvent;
