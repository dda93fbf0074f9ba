namespace Nexus.Modules.Payments.Contracts;

public enum RefundOutcome
{
    Succeeded = 0,

    /// <summary>Sent, but the provider's answer is not known yet; the reconciliation job finishes it (same idempotency key).</summary>
    Pending = 1,

    /// <summary>More than what is left to refund was asked for; nothing was sent.</summary>
    OverRefund = 2,

    /// <summary>The payment has not been captured (or is fully refunded already).</summary>
    NotRefundable = 3,

    UnknownPayment = 4,
}
