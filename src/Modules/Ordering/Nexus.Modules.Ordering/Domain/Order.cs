namespace Nexus.Modules.Ordering.Domain;

/// <summary>
/// An order: what was bought (lines copied from the cart), by whom (customer id, or null for a guest, and an e-mail
/// address), where to (address copies), for how much (the cart's totals at placing, never the form's) and where it
/// stands (<see cref="Status"/>, moved only through <see cref="MoveTo"/> by <see cref="OrderStatusRules"/>, with a
/// timeline). <see cref="IdempotencyKey"/> is unique: a checkout placed twice finds this order again.
/// </summary>
internal sealed class Order
{
    public const int IdempotencyKeyMaxLength = 64;
    public const int EmailMaxLength = 256;
    public const int CancelReasonMaxLength = 200;

    private readonly List<OrderLine> lines = [];
    private readonly List<OrderStatusChange> history = [];

    private Order()
    {
    }

    public Guid Id { get; private set; }

    /// <summary>The number the shopper reads (<see cref="OrderNumber"/>); also the reference the order has at Catalog, Promotions and Payments.</summary>
    public string Number { get; private set; } = string.Empty;

    public string IdempotencyKey { get; private set; } = string.Empty;

    /// <summary>The cart it was placed from (emptied once placing is done).</summary>
    public Guid CartId { get; private set; }

    /// <summary>The Identity user id; null for a guest until the guest claims the order.</summary>
    public string? CustomerId { get; private set; }

    public string Email { get; private set; } = string.Empty;

    public string Currency { get; private set; } = string.Empty;

    public long SubtotalMinor { get; private set; }

    public long DiscountMinor { get; private set; }

    public long TaxMinor { get; private set; }

    public long ShippingMinor { get; private set; }

    public long TotalMinor { get; private set; }

    public string? CouponCode { get; private set; }

    /// <summary>Null when nothing is shipped (digital products only).</summary>
    public string? ShippingMethod { get; private set; }

    public AddressSnapshot? ShippingAddress { get; private set; }

    public AddressSnapshot BillingAddress { get; private set; } = null!;

    public OrderStatus Status { get; private set; }

    /// <summary>The payment the shopper is paying with now (the latest one opened).</summary>
    public Guid? PaymentId { get; private set; }

    /// <summary>The payment that paid the order; a second success for another payment is not applied twice.</summary>
    public Guid? PaidPaymentId { get; private set; }

    /// <summary>
    /// When placing finished (stock reserved, coupon redeemed, cart emptied, <c>OrderPlaced</c> published). Null while
    /// placing is under way or was interrupted: retrying the checkout resumes it, the unpaid-order job ends it.
    /// </summary>
    public DateTime? PlacedAt { get; private set; }

    public DateTime? PaidAt { get; private set; }

    public DateTime? CancelledAt { get; private set; }

    public string? CancelReason { get; private set; }

    /// <summary>When a cancelled order's stock and coupon use were given back; null until then (the job retries).</summary>
    public DateTime? ReleasedAt { get; private set; }

    /// <summary>True while a paid guest order waits for its buyer's account before <c>OrderPaid</c> can name a customer.</summary>
    public bool PaidEventAwaitsCustomer { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: the payment's answer and its webhook race to mark the order paid; one wins, the other retries and finds it paid.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<OrderLine> Lines => lines;

    public IReadOnlyList<OrderStatusChange> History => history;

    public bool RequiresShipping => ShippingMethod is not null;

    public int ItemCount => lines.Sum(l => l.Quantity);

    public static Order Create(OrderDraft draft, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.Lines.Count == 0)
        {
            throw new ArgumentException("An order needs at least one line.", nameof(draft));
        }

        var order = new Order
        {
            Id = Guid.CreateVersion7(),
            Number = OrderNumber.New(),
            IdempotencyKey = draft.IdempotencyKey,
            CartId = draft.CartId,
            CustomerId = draft.CustomerId,
            Email = draft.Email.Trim().ToLowerInvariant(),
            Currency = draft.Currency.ToUpperInvariant(),
            SubtotalMinor = draft.SubtotalMinor,
            DiscountMinor = draft.DiscountMinor,
            TaxMinor = draft.TaxMinor,
            ShippingMinor = draft.ShippingMinor,
            TotalMinor = draft.TotalMinor,
            CouponCode = draft.CouponCode,
            ShippingMethod = draft.ShippingMethod,
            ShippingAddress = draft.ShippingAddress,
            BillingAddress = draft.BillingAddress,
            Status = OrderStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };
        foreach (var line in draft.Lines)
        {
            order.lines.Add(OrderLine.Of(order.Id, line.VariantId, line.ProductId, line.Sku, line.ProductName, line.VariantTitle, line.Quantity, line.UnitPriceMinor, line.LineTotalMinor, line.IsDigital));
        }

        order.history.Add(OrderStatusChange.Of(order.Id, null, OrderStatus.Pending, "Order placed", now));
        return order;
    }

    /// <summary>Another number after a (rare) collision on the unique index, before the order was ever saved.</summary>
    public void Renumber() => Number = OrderNumber.New();

    /// <summary>Placing finished. False when it had finished before (a retried checkout).</summary>
    public bool CompletePlacement(DateTime now)
    {
        if (PlacedAt is not null)
        {
            return false;
        }

        PlacedAt = now;
        Touch(now);
        return true;
    }

    public void UsePayment(Guid paymentId, DateTime now)
    {
        if (PaymentId == paymentId)
        {
            return;
        }

        PaymentId = paymentId;
        Touch(now);
    }

    /// <summary>
    /// The payment <paramref name="paymentId"/> was captured. Idempotent per payment: the same success told twice (the
    /// confirm answer, the webhook, a redelivery) is applied once.
    /// </summary>
    public PaymentApplication MarkPaid(Guid paymentId, DateTime now)
    {
        if (PaidPaymentId == paymentId)
        {
            return PaymentApplication.AlreadyApplied;
        }

        if (Status == OrderStatus.Cancelled)
        {
            return PaymentApplication.OrderCancelled;
        }

        if (PaidPaymentId is not null || Status != OrderStatus.Pending)
        {
            // Paid already by another payment (a second card captured too): the money must go back.
            return PaymentApplication.PaidByAnotherPayment;
        }

        MoveTo(OrderStatus.Paid, "Payment received", now);
        PaidPaymentId = paymentId;
        PaymentId = paymentId;
        PaidAt = now;
        PaidEventAwaitsCustomer = CustomerId is null;
        return PaymentApplication.Applied;
    }

    /// <summary>Cancels an order that was not paid (left unpaid, placing failed, stock short). False when it cannot be cancelled so.</summary>
    public bool CancelUnpaid(string reason, DateTime now)
    {
        if (Status != OrderStatus.Pending)
        {
            return false;
        }

        MoveTo(OrderStatus.Cancelled, reason, now);
        CancelledAt = now;
        CancelReason = reason.Length > CancelReasonMaxLength ? reason[..CancelReasonMaxLength] : reason;
        return true;
    }

    public bool MarkReleased(DateTime now)
    {
        if (Status != OrderStatus.Cancelled || ReleasedAt is not null)
        {
            return false;
        }

        ReleasedAt = now;
        Touch(now);
        return true;
    }

    /// <summary>A guest's order becomes the customer's (after they confirmed this e-mail address). True when it changed.</summary>
    public bool ClaimFor(string customerId, DateTime now)
    {
        if (CustomerId is not null)
        {
            return false;
        }

        CustomerId = customerId;
        history.Add(OrderStatusChange.Of(Id, Status, Status, "Linked to your account", now));
        Touch(now);
        return true;
    }

    /// <summary>The deferred <c>OrderPaid</c> of a claimed guest order is being published now.</summary>
    public void PaidEventPublished(DateTime now)
    {
        PaidEventAwaitsCustomer = false;
        Touch(now);
    }

    public void MoveTo(OrderStatus to, string? note, DateTime now)
    {
        if (!OrderStatusRules.CanMove(Status, to))
        {
            throw new OrderTransitionException(Number, Status, to);
        }

        history.Add(OrderStatusChange.Of(Id, Status, to, note, now));
        Status = to;
        Touch(now);
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
