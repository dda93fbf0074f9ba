namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>
/// A refund the order recorded as pending and Payments must now be asked for (after the order's change committed, so
/// the provider's confirmation always finds the refund it confirms).
/// </summary>
internal sealed record PaymentRefundRequest(string OrderNumber, Guid RefundId, Guid PaymentId, long AmountMinor, string Reason);
