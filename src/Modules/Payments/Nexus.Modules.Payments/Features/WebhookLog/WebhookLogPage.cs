using Nexus.Modules.Payments.Domain;

namespace Nexus.Modules.Payments.Features.WebhookLog;

internal sealed record WebhookLogPage(IReadOnlyList<WebhookDelivery> Deliveries, int Page, bool HasMore);
