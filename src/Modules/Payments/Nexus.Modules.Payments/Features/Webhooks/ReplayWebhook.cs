using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Features.Webhooks;

/// <summary>
/// Back office: applies a stored, verified delivery again (e.g. one that came before its payment was known).
/// Idempotent: an event already applied stays applied once. Null when there is no such delivery.
/// </summary>
internal sealed record ReplayWebhook(Guid DeliveryId, string ReplayedBy) : ICommand<WebhookReceipt?>;
