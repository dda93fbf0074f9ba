namespace Nexus.Modules.Payments.Domain;

/// <summary>Money given back on a payment. Its <see cref="Id"/> is the provider request's idempotency key and reference.</summary>
internal sealed class Refund
{
    private Refund()
    {
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public long Amount { get; private set; }

    public RefundStatus Status { get; private set; }

    public string? ProviderRefundId { get; private set; }

    public string? Reason { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? SettledAt { get; private set; }

    public string IdempotencyKey => $"{Id:N}-refund";

    public static Refund Start(Guid paymentId, long amount, string? reason, DateTime now, Guid? id = null) => new()
    {
        Id = id ?? Guid.CreateVersion7(),
        PaymentId = paymentId,
        Amount = amount,
        Status = RefundStatus.Pending,
        Reason = reason,
        CreatedAt = now,
    };

    /// <summary>True when this call settled it (false when it was settled already).</summary>
    public bool Succeeded(string providerRefundId, DateTime now)
    {
        if (Status == RefundStatus.Succeeded)
        {
            return false;
        }

        (Status, ProviderRefundId, SettledAt) = (RefundStatus.Succeeded, providerRefundId, now);
        return true;
    }

    public void Refused(DateTime now) => (Status, SettledAt) = (RefundStatus.Refused, now);
}
