using Nexus.Modules.Payments.Domain;

namespace Nexus.Modules.Payments.Features.WebhookLog;

internal sealed record WebhookDeliveryView(WebhookDelivery Delivery, IReadOnlyList<WebhookDelivery> SameEvent);
