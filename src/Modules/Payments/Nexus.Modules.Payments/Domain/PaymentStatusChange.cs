using Nexus.Modules.Payments.Contracts;

namespace Nexus.Modules.Payments.Domain;

/// <summary>One line of a payment's status history: from, to, what told the shop (answer, webhook, reconciliation...).</summary>
internal sealed class PaymentStatusChange
{
    private PaymentStatusChange()
    {
    }

    public Guid Id { get; private set; }

    public Guid PaymentId { get; private set; }

    public PaymentStatus? From { get; private set; }

    public PaymentStatus To { get; private set; }

    public string Source { get; private set; } = string.Empty;

    public string? Detail { get; private set; }

    public DateTime At { get; private set; }

    public static PaymentStatusChange Of(Guid paymentId, PaymentStatus? from, PaymentStatus to, string source, string? detail, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        PaymentId = paymentId,
        From = from,
        To = to,
        Source = source,
        Detail = detail is { Length: > 200 } ? detail[..200] : detail,
        At = at,
    };
}
