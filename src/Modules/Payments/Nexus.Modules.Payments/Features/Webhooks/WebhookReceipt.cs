using Nexus.Modules.Payments.Domain;

namespace Nexus.Modules.Payments.Features.Webhooks;

/// <summary>What became of a delivery (or replay): its log entry, verification, outcome and why.</summary>
internal sealed record WebhookReceipt(Guid DeliveryId, WebhookVerification Verification, WebhookOutcome Outcome, string? Detail);
