namespace Nexus.Modules.Payments.Domain;

/// <summary>What became of a webhook delivery.</summary>
internal enum WebhookOutcome
{
    /// <summary>The signature did not verify: answered 400, nothing changed.</summary>
    Refused = 0,

    /// <summary>Verified, but the body is not an event the shop can read: answered 400.</summary>
    Malformed = 1,

    /// <summary>The event changed the payment (or recorded a refund).</summary>
    Applied = 2,

    /// <summary>The event was applied before (a redelivery or replay): nothing changed.</summary>
    Duplicate = 3,

    /// <summary>The payment has already seen a newer state (out-of-order delivery): nothing changed.</summary>
    OutOfDate = 4,

    /// <summary>No payment of the shop's has this intent: acknowledged and kept for the record.</summary>
    UnknownPayment = 5,

    /// <summary>Names a refund the shop started but has not recorded yet: answered 503 so the provider retries.</summary>
    NotReady = 6,
}
