namespace Nexus.Modules.Ordering.Domain;

/// <summary>
/// Money given back (or being given back) on an order, full or partial, with a reason and the lines it is for (none
/// for an amount-only refund). Its <see cref="Id"/> is also the id of the refund at Payments, so the provider's
/// confirmation (<c>RefundSucceeded</c>) finds it.
/// </summary>
internal sealed class OrderRefund
{
    public const int ReasonMaxLength = 200;
    public const int FailureMaxLength = 300;

    private OrderRefund()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    public long AmountMinor { get; private set; }

    public string Reason { get; private set; } = string.Empty;

    public IReadOnlyList<OrderLineQuantity> Lines { get; private set; } = [];

    public OrderRefundStatus Status { get; private set; }

    public string? FailureMessage { get; private set; }

    /// <summary>Who asked for it (a member of staff's or the customer's e-mail address, or "system").</summary>
    public string RequestedBy { get; private set; } = string.Empty;

    public DateTime RequestedAt { get; private set; }

    public DateTime? SettledAt { get; private set; }

    public static OrderRefund Request(Guid orderId, long amountMinor, string reason, IReadOnlyList<OrderLineQuantity> lines, string requestedBy, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        OrderId = orderId,
        AmountMinor = amountMinor,
        Reason = reason.Length > ReasonMaxLength ? reason[..ReasonMaxLength] : reason,
        Lines = lines,
        Status = OrderRefundStatus.Pending,
        RequestedBy = requestedBy.Length > 256 ? requestedBy[..256] : requestedBy,
        RequestedAt = at,
    };

    public bool Succeed(DateTime at)
    {
        if (Status == OrderRefundStatus.Succeeded)
        {
            return false;
        }

        // A refund first reported refused and then confirmed (a late webhook) did go back: the provider has the last word.
        Status = OrderRefundStatus.Succeeded;
        FailureMessage = null;
        SettledAt = at;
        return true;
    }

    public bool Fail(string message, DateTime at)
    {
        if (Status != OrderRefundStatus.Pending)
        {
            return false;
        }

        Status = OrderRefundStatus.Failed;
        FailureMessage = message.Length > FailureMaxLength ? message[..FailureMaxLength] : message;
        SettledAt = at;
        return true;
    }
}
