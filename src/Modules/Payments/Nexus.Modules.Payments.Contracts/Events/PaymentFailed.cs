using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Payments.Contracts.Events;

/// <summary>A card was declined on a payment (each failed attempt once). Another card may still succeed later.</summary>
[IntegrationEvent("payments.payment-failed", 1)]
public sealed record PaymentFailed(Guid PaymentId, string OrderReference, string FailureCode, string FailureMessage) : IntegrationEvent;
