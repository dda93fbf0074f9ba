using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Payments.Contracts.Events;

/// <summary>Money was given back on a payment (once per provider refund). <paramref name="TotalRefunded"/> is the payment's total so far.</summary>
[IntegrationEvent("payments.refund-succeeded", 1)]
public sealed record RefundSucceeded(Guid PaymentId, Guid RefundId, string OrderReference, long Amount, long TotalRefunded, long PaymentAmount, string Currency) : IntegrationEvent;
