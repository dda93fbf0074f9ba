namespace Nexus.Payments.StubProvider.Domain;

/// <summary>Money given back on a succeeded intent. Refunds settle at once in test mode.</summary>
internal sealed class StubRefund
{
    private StubRefund()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string PaymentIntentId { get; private set; } = string.Empty;

    public long Amount { get; private set; }

    /// <summary>The shop's own reference for the refund (its refund id), echoed back.</summary>
    public string? Reference { get; private set; }

    public string Status { get; private set; } = "succeeded";

    public DateTime CreatedAt { get; private set; }

    public static StubRefund Create(string paymentIntentId, long amount, string? reference, DateTime now) => new()
    {
        Id = "re_" + Guid.CreateVersion7().ToString("N")[8..],
        PaymentIntentId = paymentIntentId,
        Amount = amount,
        Reference = reference,
        CreatedAt = now,
    };
}
