using Nexus.Modules.Payments.Contracts;

namespace Nexus.Modules.Payments.Domain;

/// <summary>
/// One payment of an order: the shop's record of a provider payment intent. It changes only by applying what the
/// provider says (<see cref="Apply"/>), and only to a newer <see cref="ProviderVersion"/> than it has seen — so a
/// late or replayed answer, webhook or reconciliation result never moves it backwards.
/// </summary>
internal sealed class Payment
{
    public const int OrderReferenceMaxLength = 64;

    private readonly List<PaymentStatusChange> history = [];
    private readonly List<Refund> refunds = [];

    private Payment()
    {
    }

    public Guid Id { get; private set; }

    public string OrderReference { get; private set; } = string.Empty;

    public long Amount { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    public PaymentStatus Status { get; private set; }

    public long AmountRefunded { get; private set; }

    /// <summary>The provider's intent id; null until the provider has answered the creation.</summary>
    public string? ProviderIntentId { get; private set; }

    /// <summary>The highest intent version applied.</summary>
    public int ProviderVersion { get; private set; }

    public string? FailureCode { get; private set; }

    public string? FailureMessage { get; private set; }

    public string? ChallengeUrl { get; private set; }

    public string? CardLast4 { get; private set; }

    /// <summary>The absolute URL the provider sends the shopper back to after a challenge.</summary>
    public string ReturnUrl { get; private set; } = string.Empty;

    /// <summary>Cards tried so far (each try has its own idempotency key).</summary>
    public int Attempts { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    /// <summary>Counts the row's writes (diagnostics; deliberately not a concurrency token, see PaymentsDbContext).</summary>
    public int RowVersion { get; private set; }

    public IReadOnlyList<PaymentStatusChange> History => history;

    public IReadOnlyList<Refund> Refunds => refunds;

    public long Refundable => PaymentStatusRules.IsCaptured(Status) ? Amount - AmountRefunded - refunds.Where(r => r.Status == RefundStatus.Pending).Sum(r => r.Amount) : 0;

    public static Payment Open(string orderReference, long amount, string currency, string returnUrl, DateTime now)
    {
        var payment = new Payment
        {
            Id = Guid.CreateVersion7(),
            OrderReference = orderReference,
            Amount = amount,
            Currency = currency.ToLowerInvariant(),
            Status = PaymentStatus.Pending,
            ReturnUrl = returnUrl,
            CreatedAt = now,
            UpdatedAt = now,
        };
        payment.history.Add(PaymentStatusChange.Of(payment.Id, null, PaymentStatus.Pending, "created", null, now));
        return payment;
    }

    /// <summary>The card was sent but no answer came: the outcome is unknown until a webhook or reconciliation settles it.</summary>
    public void AwaitProvider(string source, DateTime now)
    {
        if (Status != PaymentStatus.Processing)
        {
            history.Add(PaymentStatusChange.Of(Id, Status, PaymentStatus.Processing, source, "no answer from the provider in time", now));
            Status = PaymentStatus.Processing;
        }

        Touch(now);
    }

    /// <summary>Applies a provider snapshot if it is newer than what the payment has seen.</summary>
    public SnapshotOutcome Apply(ProviderSnapshot intent, string source, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(intent);
        if (intent.Version <= ProviderVersion)
        {
            return SnapshotOutcome.OutOfDate;
        }

        var before = Status;
        var after = PaymentStatusRules.FromProvider(intent);
        ProviderIntentId ??= intent.IntentId;
        ProviderVersion = intent.Version;
        AmountRefunded = intent.AmountRefunded;
        CardLast4 = intent.CardLast4 ?? CardLast4;
        ChallengeUrl = after == PaymentStatus.RequiresAction ? intent.RedirectUrl : null;
        (FailureCode, FailureMessage) = after == PaymentStatus.Failed
            ? (intent.DeclineCode ?? intent.ErrorCode, intent.ErrorMessage ?? "The payment failed.")
            : (null, null);
        Status = after;
        if (before != after)
        {
            history.Add(PaymentStatusChange.Of(Id, before, after, source, FailureCode, now));
        }

        Touch(now);
        return new SnapshotOutcome(
            Applied: true,
            BecameCaptured: !PaymentStatusRules.IsCaptured(before) && PaymentStatusRules.IsCaptured(after),
            NewFailure: after == PaymentStatus.Failed);
    }

    /// <summary>
    /// Applies what reconciliation learnt. Besides a newer snapshot, it settles a payment left processing after a
    /// timeout whose card never reached the provider (the provider's version is not newer and it is not processing):
    /// the payment goes back to what the provider says, so a card can be tried again.
    /// </summary>
    public SnapshotOutcome Reconcile(ProviderSnapshot intent, string source, DateTime now)
    {
        var outcome = Apply(intent, source, now);
        if (outcome.Applied || Status != PaymentStatus.Processing || intent.Status == "processing")
        {
            return outcome;
        }

        var after = PaymentStatusRules.FromProvider(intent);
        history.Add(PaymentStatusChange.Of(Id, Status, after, source, "the card attempt never reached the provider", now));
        Status = after;
        Touch(now);
        return new SnapshotOutcome(Applied: true, BecameCaptured: false, NewFailure: false);
    }

    /// <summary>The provider could not be reached before a card was sent: nothing happened, the shopper may try again.</summary>
    public void ProviderUnreachable(DateTime now)
    {
        (FailureCode, FailureMessage) = ("provider_unavailable", "The payment service did not answer. Nothing was charged; please try again in a moment.");
        Touch(now);
    }

    /// <summary>Counts a card attempt (its idempotency key is <see cref="AttemptKey"/> of the new count).</summary>
    public void CountAttempt(DateTime now)
    {
        Attempts++;
        Touch(now);
    }

    public string AttemptKey(int attempt) => $"{Id:N}-confirm-{attempt}";

    public string CreateKey => $"{Id:N}-create";

    /// <summary>Starts a refund the provider is about to be asked for; its id is the request's idempotency key.</summary>
    public Refund StartRefund(long amount, string? reason, DateTime now, Guid? id = null)
    {
        var refund = Refund.Start(Id, amount, reason, now, id);
        refunds.Add(refund);
        Touch(now);
        return refund;
    }

    /// <summary>A refund the shop did not start (made at the provider, or whose start was lost): recorded as it happened.</summary>
    public Refund AddProviderRefund(Guid? id, string providerRefundId, long amount, DateTime now)
    {
        var refund = Refund.Start(Id, amount, null, now, id);
        refund.Succeeded(providerRefundId, now);
        refunds.Add(refund);
        Touch(now);
        return refund;
    }

    private void Touch(DateTime now)
    {
        UpdatedAt = now;
        RowVersion++;
    }
}
