namespace Nexus.Modules.Payments.Domain;

/// <summary>What checking a webhook's signature header found.</summary>
internal enum WebhookVerification
{
    Verified = 0,
    MissingSignature = 1,
    MalformedSignature = 2,
    BadSignature = 3,

    /// <summary>Signed longer ago than the tolerance allows: possibly a replayed capture.</summary>
    StaleTimestamp = 4,

    /// <summary>Signed further in the future than the tolerance allows.</summary>
    FutureTimestamp = 5,
}
