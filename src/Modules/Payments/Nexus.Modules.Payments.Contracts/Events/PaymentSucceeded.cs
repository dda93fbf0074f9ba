using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Payments.Contracts.Events;

/// <summary>A payment was captured (published once per payment, whichever of answer, webhook or reconciliation told the shop first).</summary>
[IntegrationEvent("payments.payment-succeeded", 1)]
public sealed record PaymentSucceeded(Guid PaymentId, string OrderReference, long Amount, string Currency) : IntegrationEvent;
