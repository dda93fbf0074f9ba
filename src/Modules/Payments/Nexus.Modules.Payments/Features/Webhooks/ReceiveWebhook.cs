using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Features.Webhooks;

/// <summary>A webhook delivery as it arrived: the signature header and the raw body, byte for byte as text.</summary>
internal sealed record ReceiveWebhook(string? SignatureHeader, string Body) : ICommand<WebhookReceipt>;
