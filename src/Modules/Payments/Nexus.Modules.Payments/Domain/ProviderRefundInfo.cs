namespace Nexus.Modules.Payments.Domain;

/// <summary>A refund as the provider describes it; <see cref="Reference"/> is the shop's refund id when the shop started it.</summary>
internal sealed record ProviderRefundInfo(string Id, string PaymentIntentId, long Amount, string Status, string? Reference);
