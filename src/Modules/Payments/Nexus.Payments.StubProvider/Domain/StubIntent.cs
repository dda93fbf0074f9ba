namespace Nexus.Payments.StubProvider.Domain;

/// <summary>
/// A payment intent at the provider: <c>requires_payment_method</c> → (<c>processing</c>) → <c>succeeded</c> |
/// <c>requires_action</c> | back to <c>requires_payment_method</c> with <see cref="LastErrorCode"/> after a decline.
/// Every change raises <see cref="Version"/>, which every answer and event carries: the shop orders what it hears by it.
/// </summary>
internal sealed class StubIntent
{
    private StubIntent()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public long Amount { get; private set; }

    public string Currency { get; private set; } = string.Empty;

    /// <summary>The shop's own reference (its payment id), echoed back everywhere.</summary>
    public string Reference { get; private set; } = string.Empty;

    public string ReturnUrl { get; private set; } = string.Empty;

    public string Status { get; private set; } = IntentStatus.RequiresPaymentMethod;

    public long AmountRefunded { get; private set; }

    public string? CardLast4 { get; private set; }

    public string? LastErrorCode { get; private set; }

    public string? LastDeclineCode { get; private set; }

    public string? LastErrorMessage { get; private set; }

    public string? ChallengeUrl { get; private set; }

    /// <summary>When a <c>processing</c> intent (the slow card) settles.</summary>
    public DateTime? SettleAt { get; private set; }

    public int Version { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static StubIntent Create(long amount, string currency, string reference, string returnUrl, DateTime now) => new()
    {
        Id = "pi_" + Guid.CreateVersion7().ToString("N")[8..],
        Amount = amount,
        Currency = currency,
        Reference = reference,
        ReturnUrl = returnUrl,
        Version = 1,
        CreatedAt = now,
        UpdatedAt = now,
    };

    public bool CanConfirm => Status == IntentStatus.RequiresPaymentMethod;

    /// <summary>Tries a card; returns the event type to send.</summary>
    public string Confirm(CardBehaviour card, string last4, string challengeUrl, TimeSpan slowDelay, DateTime now)
    {
        CardLast4 = last4;
        (LastErrorCode, LastDeclineCode, LastErrorMessage) = (null, null, null);
        switch (card)
        {
            case CardBehaviour.Success:
                return Change(IntentStatus.Succeeded, EventTypes.Succeeded, now);
            case CardBehaviour.RequiresAction:
                ChallengeUrl = challengeUrl;
                return Change(IntentStatus.RequiresAction, EventTypes.RequiresAction, now);
            case CardBehaviour.Slow:
                SettleAt = now + slowDelay;
                return Change(IntentStatus.Processing, EventTypes.Processing, now);
            case CardBehaviour.Decline:
                return Decline("card_declined", "generic_decline", "Your card was declined.", now);
            case CardBehaviour.InsufficientFunds:
                return Decline("card_declined", "insufficient_funds", "Your card has insufficient funds.", now);
            case CardBehaviour.IncorrectNumber:
                return Decline("incorrect_number", null, "Your card number is incorrect.", now);
            default:
                return Decline("card_declined", "test_mode_live_card", "Your card was declined. In test mode only the test cards work.", now);
        }
    }

    /// <summary>The shopper passed (or failed) the issuer's challenge.</summary>
    public string CompleteChallenge(bool passed, DateTime now)
    {
        ChallengeUrl = null;
        return passed
            ? Change(IntentStatus.Succeeded, EventTypes.Succeeded, now)
            : Decline("authentication_required", "authentication_failed", "We could not authenticate your card. Try again or use another card.", now);
    }

    /// <summary>The slow card's payment goes through once its time has come.</summary>
    public string Settle(DateTime now)
    {
        SettleAt = null;
        return Change(IntentStatus.Succeeded, EventTypes.Succeeded, now);
    }

    public long Refundable => Status == IntentStatus.Succeeded ? Amount - AmountRefunded : 0;

    public void Refund(long amount, DateTime now)
    {
        AmountRefunded += amount;
        Version++;
        UpdatedAt = now;
    }

    private string Decline(string code, string? declineCode, string message, DateTime now)
    {
        (LastErrorCode, LastDeclineCode, LastErrorMessage) = (code, declineCode, message);
        ChallengeUrl = null;
        return Change(IntentStatus.RequiresPaymentMethod, EventTypes.PaymentFailed, now);
    }

    private string Change(string status, string eventType, DateTime now)
    {
        Status = status;
        Version++;
        UpdatedAt = now;
        return eventType;
    }
}
