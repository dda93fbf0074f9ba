using Nexus.Modules.Payments.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Features.WebhookLog;

/// <summary>The webhook log, newest first, 50 a page; filtered by outcome, verification and text (event id, intent id, event type).</summary>
internal sealed record SearchWebhookDeliveries(WebhookOutcome? Outcome, WebhookVerification? Verification, string? Text, int Page = 1) : IQuery<WebhookLogPage>;
