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
    private readonly List<Shipment> shipments = [];
    private readonly List<OrderRefund> refunds = [];
    private readonly List<OrderNote> notes = [];

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

    public DateTime? DeliveredAt { get; private set; }

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

    public IReadOnlyList<Shipment> Shipments => shipments;

    public IReadOnlyList<OrderRefund> Refunds => refunds;

    public IReadOnlyList<OrderNote> Notes => notes;

    /// <summary>What the customer paid (the total once the payment was captured, nothing before).</summary>
    public long PaidMinor => PaidAt is null ? 0 : TotalMinor;

    public long RefundedMinor => refunds.Where(r => r.Status == OrderRefundStatus.Succeeded).Sum(r => r.AmountMinor);

    public long PendingRefundMinor => refunds.Where(r => r.Status == OrderRefundStatus.Pending).Sum(r => r.AmountMinor);

    /// <summary>What may still be refunded: paid − refunded − refunds still waiting for the provider's confirmation.</summary>
    public long RefundableMinor => Math.Max(0, PaidMinor - RefundedMinor - PendingRefundMinor);

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

    /// <summary>How many units of <paramref name="line"/> have not left in a shipment yet.</summary>
    public int UnshippedQuantity(OrderLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return line.Quantity - shipments.SelectMany(s => s.Lines).Where(l => l.LineId == line.Id).Sum(l => l.Quantity);
    }

    /// <summary>What <paramref name="units"/> of this order's lines cost as sold (a line refund's amount); unknown lines count nothing.</summary>
    public long PriceOf(IEnumerable<OrderLineQuantity> units) =>
        units.Sum(u => (lines.FirstOrDefault(l => l.Id == u.LineId)?.UnitPriceMinor ?? 0) * u.Quantity);

    /// <summary>Physical goods of this paid order are still to ship or on their way (not delivered yet).</summary>
    public bool FulfilmentOpen => Status is OrderStatus.Paid or OrderStatus.Processing or OrderStatus.Shipped && lines.Any(l => !l.IsDigital);

    /// <summary>Every physical line has left in some shipment.</summary>
    public bool FullyShipped => lines.Where(l => !l.IsDigital).All(l => UnshippedQuantity(l) <= 0);

    /// <summary>The shop starts preparing a paid order.</summary>
    public OrderActionResult MarkProcessing(DateTime now)
    {
        if (Status != OrderStatus.Paid)
        {
            return OrderActionResult.Refused(Status switch
            {
                OrderStatus.Pending => "An order that is not paid yet cannot be processed.",
                OrderStatus.Processing => "This order is being processed already.",
                _ => Cannot("marked processing"),
            });
        }

        MoveTo(OrderStatus.Processing, "Being prepared", now);
        return OrderActionResult.Ok("The order is being processed.");
    }

    /// <summary>
    /// Some or all of the physical lines left with <paramref name="carrier"/> (<paramref name="shipped"/> empty: every
    /// unshipped unit). A paid order moves to Processing first. The order is Shipped once every physical unit has left;
    /// a partial shipment is recorded and the order stays Processing (docs/decisions/0024).
    /// </summary>
    public (OrderActionResult Result, Shipment? Shipment) Ship(IReadOnlyList<OrderLineQuantity> shipped, Carrier carrier, string trackingNumber, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(shipped);
        ArgumentNullException.ThrowIfNull(carrier);
        if (Status is not (OrderStatus.Paid or OrderStatus.Processing))
        {
            return (OrderActionResult.Refused(Status switch
            {
                OrderStatus.Pending => "An order that is not paid yet cannot be shipped.",
                OrderStatus.Shipped or OrderStatus.Delivered => "Everything in this order has shipped already.",
                _ => Cannot("shipped"),
            }), null);
        }

        if (!lines.Any(l => !l.IsDigital))
        {
            return (OrderActionResult.Refused("This order has nothing to ship: its products are all digital."), null);
        }

        var tracking = trackingNumber.Trim();
        if (tracking.Length is 0 or > Shipment.TrackingNumberMaxLength || tracking.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
        {
            return (OrderActionResult.Invalid($"Enter the tracking number the carrier gave (up to {Shipment.TrackingNumberMaxLength} letters and digits, no spaces)."), null);
        }

        var parcel = new List<OrderLineQuantity>();
        if (shipped.Count == 0)
        {
            parcel.AddRange(lines.Where(l => !l.IsDigital && UnshippedQuantity(l) > 0).Select(l => new OrderLineQuantity(l.Id, UnshippedQuantity(l))));
        }
        else
        {
            foreach (var group in shipped.Where(s => s.Quantity != 0).GroupBy(s => s.LineId))
            {
                var line = lines.FirstOrDefault(l => l.Id == group.Key);
                var quantity = group.Sum(s => s.Quantity);
                if (line is null || line.IsDigital)
                {
                    return (OrderActionResult.Invalid("Only this order's physical lines can be shipped."), null);
                }

                if (quantity < 0 || quantity > UnshippedQuantity(line))
                {
                    return (OrderActionResult.Invalid($"{line.ProductName}: {UnshippedQuantity(line)} left to ship; a shipment cannot carry {quantity}."), null);
                }

                parcel.Add(new OrderLineQuantity(line.Id, quantity));
            }
        }

        if (parcel.Count == 0)
        {
            return (OrderActionResult.Invalid("Choose at least one unit to ship."), null);
        }

        if (Status == OrderStatus.Paid)
        {
            MoveTo(OrderStatus.Processing, "Being prepared", now);
        }

        var shipment = Shipment.Of(Id, carrier.Code, tracking, carrier.TrackingUrl(tracking), parcel, now);
        shipments.Add(shipment);
        if (FullyShipped)
        {
            MoveTo(OrderStatus.Shipped, $"Shipped with {carrier.Name}, tracking {tracking}", now);
            return (OrderActionResult.Ok("The order has shipped."), shipment);
        }

        history.Add(OrderStatusChange.Of(Id, Status, Status, $"Part shipped with {carrier.Name}, tracking {tracking}", now));
        Touch(now);
        return (OrderActionResult.Ok("The shipment is recorded; the rest of the order is still to ship."), shipment);
    }

    public OrderActionResult MarkDelivered(DateTime now)
    {
        if (Status != OrderStatus.Shipped)
        {
            return OrderActionResult.Refused(Status switch
            {
                OrderStatus.Delivered => "This order is marked delivered already.",
                OrderStatus.Pending or OrderStatus.Paid or OrderStatus.Processing => "Only an order that has shipped can be marked delivered.",
                _ => Cannot("marked delivered"),
            });
        }

        MoveTo(OrderStatus.Delivered, "Delivered", now);
        DeliveredAt = now;
        return OrderActionResult.Ok("The order is marked delivered.");
    }

    /// <summary>
    /// Cancels an order nothing of which has shipped (staff, or the customer). When it was paid, a refund of everything
    /// still refundable is requested in the same change (answered here; the caller asks Payments once this is saved),
    /// and the stock is given back by the release path, sold units included.
    /// </summary>
    public (OrderActionResult Result, OrderRefund? Refund) Cancel(string reason, string requestedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(reason);
        if (Status is not (OrderStatus.Pending or OrderStatus.Paid or OrderStatus.Processing))
        {
            return (OrderActionResult.Refused(Status switch
            {
                OrderStatus.Shipped or OrderStatus.Delivered => "An order that has shipped cannot be cancelled.",
                OrderStatus.Cancelled => "This order is cancelled already.",
                _ => "A refunded order cannot be cancelled; refund what is left instead.",
            }), null);
        }

        if (shipments.Count > 0)
        {
            return (OrderActionResult.Refused("Part of this order has shipped, so it cannot be cancelled; refund the lines instead."), null);
        }

        var why = reason.Trim();
        MoveTo(OrderStatus.Cancelled, why.Length == 0 ? "Cancelled" : $"Cancelled: {why}", now);
        CancelledAt = now;
        CancelReason = why.Length > CancelReasonMaxLength ? why[..CancelReasonMaxLength] : why;
        OrderRefund? refund = null;
        if (RefundableMinor > 0)
        {
            refund = OrderRefund.Request(Id, RefundableMinor, why.Length == 0 ? "Order cancelled" : $"Order cancelled: {why}", [], requestedBy, now);
            refunds.Add(refund);
        }

        return (OrderActionResult.Ok(refund is null ? "The order is cancelled." : "The order is cancelled and its payment is being refunded."), refund);
    }

    /// <summary>
    /// Asks for <paramref name="amountMinor"/> back (never more than paid − refunded − pending refunds). The order's
    /// version moves, so two refunds asked at once cannot both pass this check: the second save fails and is retried
    /// against the first (docs/decisions/0024).
    /// </summary>
    public (OrderActionResult Result, OrderRefund? Refund) RequestRefund(long amountMinor, string reason, IReadOnlyList<OrderLineQuantity> refundedLines, string requestedBy, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(reason);
        ArgumentNullException.ThrowIfNull(refundedLines);
        if (PaidAt is null)
        {
            return (OrderActionResult.Refused("An order that was never paid has nothing to refund."), null);
        }

        var why = reason.Trim();
        if (why.Length == 0)
        {
            return (OrderActionResult.Invalid("Give a reason for the refund."), null);
        }

        foreach (var item in refundedLines)
        {
            var line = lines.FirstOrDefault(l => l.Id == item.LineId);
            if (line is null || item.Quantity <= 0 || item.Quantity > line.Quantity)
            {
                return (OrderActionResult.Invalid("A refunded line must be one of this order's lines, for no more units than were bought."), null);
            }
        }

        if (amountMinor <= 0)
        {
            return (OrderActionResult.Invalid("A refund must be for more than nothing."), null);
        }

        if (amountMinor > RefundableMinor)
        {
            return (OrderActionResult.Refused(RefundableMinor == 0
                ? "Everything paid has been refunded already (or is being refunded)."
                : $"That is more than is left to refund ({Money(RefundableMinor)}: paid {Money(PaidMinor)}, refunded {Money(RefundedMinor)}, pending {Money(PendingRefundMinor)})."), null);
        }

        var refund = OrderRefund.Request(Id, amountMinor, why, refundedLines, requestedBy, now);
        refunds.Add(refund);
        Touch(now);
        return (OrderActionResult.Ok($"A refund of {Money(amountMinor)} was asked of the payment provider."), refund);
    }

    /// <summary>
    /// The provider confirmed refund <paramref name="refundId"/>. The order moves to Refunded when everything paid has
    /// gone back, otherwise to Partially refunded (a cancelled order stays cancelled). Null when there is no such
    /// refund or it was confirmed before (the same webhook twice).
    /// </summary>
    public OrderRefund? RefundSucceeded(Guid refundId, DateTime now)
    {
        var refund = refunds.FirstOrDefault(r => r.Id == refundId);
        if (refund is null || !refund.Succeed(now))
        {
            return null;
        }

        // A partial refund is about money, not the parcel: while goods are still to ship or on their way the order
        // keeps its status, so the rest can still ship and be delivered. It reads Partially refunded once nothing is
        // left to fulfil (delivered, or nothing physical in it). Everything paid back ends the order either way.
        var fully = RefundedMinor >= PaidMinor;
        var to = fully ? OrderStatus.Refunded : FulfilmentOpen ? Status : OrderStatus.PartiallyRefunded;
        if ((to != Status || to == OrderStatus.PartiallyRefunded) && OrderStatusRules.CanMove(Status, to))
        {
            MoveTo(to, $"Refunded {Money(refund.AmountMinor)}: {refund.Reason}", now);
        }
        else
        {
            history.Add(OrderStatusChange.Of(Id, Status, Status, $"Refunded {Money(refund.AmountMinor)}: {refund.Reason}", now));
            Touch(now);
        }

        return refund;
    }

    public bool RefundFailed(Guid refundId, string message, DateTime now)
    {
        var refund = refunds.FirstOrDefault(r => r.Id == refundId);
        if (refund is null || !refund.Fail(message, now))
        {
            return false;
        }

        Touch(now);
        return true;
    }

    public OrderActionResult AddNote(string text, string author, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(text);
        var note = text.Trim();
        if (note.Length == 0)
        {
            return OrderActionResult.Invalid("Write something in the note.");
        }

        if (note.Length > OrderNote.TextMaxLength)
        {
            return OrderActionResult.Invalid($"A note can be up to {OrderNote.TextMaxLength} characters.");
        }

        notes.Add(OrderNote.Of(Id, note, author, now));
        Touch(now);
        return OrderActionResult.Ok("The note is added.");
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

    private string Money(long minor) => Nexus.Shared.Globalization.Money.Format(minor, Currency);

    private string Cannot(string what) => $"An order that is {OrderStatusRules.Describe(Status).ToLowerInvariant()} cannot be {what}.";

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        Version++;
    }
}
