namespace Nexus.Payments.StubProvider.Domain;

/// <summary>
/// An event for the shop and its delivery: the JSON is fixed when the event happens (a snapshot of the intent at that
/// version); the signature is made anew for each attempt, with the attempt's timestamp.
/// </summary>
internal sealed class StubEvent
{
    private StubEvent()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string Type { get; private set; } = string.Empty;

    public string PaymentIntentId { get; private set; } = string.Empty;

    public string Payload { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>Null once delivered or given up.</summary>
    public DateTime? NextAttemptAt { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public static string NewId() => "evt_" + Guid.CreateVersion7().ToString("N")[8..];

    public static StubEvent Create(string id, string type, string paymentIntentId, string payload, DateTime now) => new()
    {
        Id = id,
        Type = type,
        PaymentIntentId = paymentIntentId,
        Payload = payload,
        CreatedAt = now,
        NextAttemptAt = now,
    };

    public void Delivered(int statusCode, DateTime now)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = null;
        DeliveredAt = now;
        NextAttemptAt = null;
    }

    /// <summary>The shop answered non-2xx or not at all: try again later with a doubled delay, or give up.</summary>
    public void Failed(int? statusCode, string error, TimeSpan firstDelay, int maxAttempts, DateTime now)
    {
        Attempts++;
        LastStatusCode = statusCode;
        LastError = error.Length > 500 ? error[..500] : error;
        if (Attempts >= maxAttempts)
        {
            NextAttemptAt = null;
            return;
        }

        var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, firstDelay.Ticks * (1L << Math.Min(Attempts - 1, 20))));
        NextAttemptAt = now + delay;
    }

    /// <summary>Send it again (the provider dashboard's "resend"): the shop must treat it as the duplicate it is.</summary>
    public void Redeliver(DateTime now)
    {
        NextAttemptAt = now;
        DeliveredAt = null;
    }
}
