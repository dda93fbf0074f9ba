namespace Nexus.Modules.Payments.Domain;

internal enum RefundStatus
{
    /// <summary>Asked for, answer not known yet (reconciliation asks again with the same idempotency key).</summary>
    Pending = 0,
    Succeeded = 1,

    /// <summary>The provider refused it (e.g. more than what was left); nothing was given back.</summary>
    Refused = 2,
}
