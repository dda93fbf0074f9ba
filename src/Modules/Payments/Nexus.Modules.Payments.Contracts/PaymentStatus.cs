namespace Nexus.Modules.Payments.Contracts;

/// <summary>Where a payment stands, as the shop knows it from the provider's answers, webhooks and reconciliation.</summary>
public enum PaymentStatus
{
    /// <summary>The provider holds a payment intent; no card has been tried yet.</summary>
    Pending = 0,

    /// <summary>A card was sent and the outcome is not known yet (e.g. the provider did not answer in time); a webhook or the reconciliation job settles it.</summary>
    Processing = 1,

    /// <summary>The shopper must pass the card issuer's challenge (<see cref="PaymentDetails.ChallengeUrl"/>).</summary>
    RequiresAction = 2,

    /// <summary>The last card was declined (<see cref="PaymentDetails.FailureCode"/>); another card may be tried.</summary>
    Failed = 3,

    /// <summary>The money was captured.</summary>
    Succeeded = 4,

    /// <summary>Captured, and part of it given back.</summary>
    PartiallyRefunded = 5,

    /// <summary>Captured, and all of it given back.</summary>
    Refunded = 6,
}
