namespace Nexus.Modules.Payments.Domain;

/// <summary>A webhook event: its id (applied at most once), type, the intent at that version and, for refunds, the refund.</summary>
internal sealed record ProviderEvent(string Id, string Type, DateTimeOffset Created, ProviderSnapshot Intent, ProviderRefundInfo? Refund);
