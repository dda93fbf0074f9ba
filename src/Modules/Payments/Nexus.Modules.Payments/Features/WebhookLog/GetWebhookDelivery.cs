using Nexus.Modules.Payments.Domain;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Features.WebhookLog;

/// <summary>One delivery with its raw body, and the other deliveries of the same provider event (duplicates, replays).</summary>
internal sealed record GetWebhookDelivery(Guid DeliveryId) : IQuery<WebhookDeliveryView?>;
