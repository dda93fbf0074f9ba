using Nexus.Modules.Ordering.Domain;

namespace Nexus.Modules.Ordering.Features.Management;

/// <summary>What a cancel or refund command came to, and the refund Payments must be asked for next (if any).</summary>
internal sealed record OrderRefundStep(OrderActionResult Result, Guid OrderId, PaymentRefundRequest? Refund);
