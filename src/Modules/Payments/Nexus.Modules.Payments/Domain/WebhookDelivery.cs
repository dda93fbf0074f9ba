namespace Nexus.Modules.Payments.Domain;

/// <summary>
/// One webhook delivery as received, kept whatever became of it (the back office's webhook log): the raw body, the
/// signature header, the verification result and the outcome. A replay from the back office is a delivery too.
/// </summary>
internal sealed class WebhookDelivery
{
    public const int MaxBodyLength = 64 * 1024;
    public const int MaxSignatureLength = 500;

    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    /// <summary>Null for a delivery from the provider; the replayed delivery's id for a replay.</summary>
    public Guid? ReplayOf { get; private set; }

    public string? ReplayedBy { get; private set; }

    public string? SignatureHeader { get; private set; }

    public string Body { get; private set; } = string.Empty;

    public WebhookVerification Verification { get; private set; }

    public WebhookOutcome Outcome { get; private set; }

    public string? ProviderEventId { get; private set; }

    public string? EventType { get; private set; }

    public string? ProviderIntentId { get; private set; }

    public Guid? PaymentId { get; private set; }

    public string? Detail { get; private set; }

    /// <summary>How much of a refused delivery's body is kept: enough to see what it was, not a store for anyone's uploads.</summary>
    public const int MaxRefusedBodyLength = 4 * 1024;

    public static WebhookDelivery Received(string? signatureHeader, string body, WebhookVerification verification, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        ReceivedAt = now,
        SignatureHeader = signatureHeader is { Length: > MaxSignatureLength } ? signatureHeader[..MaxSignatureLength] : signatureHeader,
        Body = Truncate(body, verification == WebhookVerification.Verified ? MaxBodyLength : MaxRefusedBodyLength),
        Verification = verification,
        Outcome = WebhookOutcome.Refused,
        Detail = verification == WebhookVerification.Verified ? null : Describe(verification),
    };

    public static WebhookDelivery Replay(WebhookDelivery original, string replayedBy, DateTime now) => new()
    {
        Id = Guid.CreateVersion7(),
        ReceivedAt = now,
        ReplayOf = original.Id,
        ReplayedBy = replayedBy.Length > 100 ? replayedBy[..100] : replayedBy,
        SignatureHeader = original.SignatureHeader,
        Body = original.Body,
        Verification = WebhookVerification.Verified,
        Outcome = WebhookOutcome.Refused,
    };

    public void Identify(string eventId, string eventType, string intentId)
    {
        ProviderEventId = eventId.Length > 100 ? eventId[..100] : eventId;
        EventType = eventType.Length > 64 ? eventType[..64] : eventType;
        ProviderIntentId = intentId.Length > 40 ? intentId[..40] : intentId;
    }

    public void Finish(WebhookOutcome outcome, Guid? paymentId, string? detail)
    {
        Outcome = outcome;
        PaymentId = paymentId;
        Detail = detail is { Length: > 500 } ? detail[..500] : detail;
    }

    private static string Truncate(string body, int length) => body.Length > length ? body[..length] : body;

    public static string Describe(WebhookVerification verification) => verification switch
    {
        WebhookVerification.MissingSignature => "No NexusPay-Signature header.",
        WebhookVerification.MalformedSignature => "The signature header is not of the form t=<unix seconds>,v1=<hex HMAC-SHA256>.",
        WebhookVerification.BadSignature => "The signature does not match the body and timestamp (wrong secret or altered body).",
        WebhookVerification.StaleTimestamp => "The signed timestamp is older than the tolerance allows (a replayed delivery?).",
        WebhookVerification.FutureTimestamp => "The signed timestamp is further in the future than the tolerance allows.",
        _ => "Verified.",
    };
}
