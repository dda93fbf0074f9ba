using System.ComponentModel.DataAnnotations;

namespace Nexus.Payments.StubProvider;

/// <summary>
/// <c>Modules:NexusPay</c>. The account's secrets fall back to the shop's own provider settings
/// (<c>Modules:Payments:Provider:*</c>) when the stub runs inside the shop's host, and to fixed development values in
/// Development only (see <see cref="NexusPayStubModule"/>).
/// </summary>
internal sealed class NexusPayOptions
{
    /// <summary>The secret API key the shop sends as <c>Authorization: Bearer ...</c>.</summary>
    [Required(ErrorMessage = "Modules:NexusPay:ApiKey (or Modules:Payments:Provider:ApiKey) is required outside Development.")]
    [MinLength(16)]
    public string ApiKey { get; set; } = string.Empty;

    /// <summary>The secret webhooks are signed with (HMAC-SHA256).</summary>
    [Required(ErrorMessage = "Modules:NexusPay:WebhookSigningSecret (or Modules:Payments:Provider:WebhookSigningSecret) is required outside Development.")]
    [MinLength(16)]
    public string WebhookSigningSecret { get; set; } = string.Empty;

    /// <summary>Where events are delivered; empty means the shop's own endpoint under <c>Nexus:PublicUrl</c>.</summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>Off: events are recorded but not sent (a test switch for "the webhook never came").</summary>
    public bool DeliverWebhooks { get; set; } = true;

    /// <summary>
    /// How long after the event a webhook goes out at the earliest. Real providers deliver "shortly after" the API
    /// answer, not before it; a shop must still cope with either order (docs/decisions/0019).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan WebhookDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// On: events are held for <see cref="OutOfOrderHold"/> and each due batch is sent newest first — the out-of-order
    /// delivery real providers produce now and then, made reproducible for tests.
    /// </summary>
    public bool DeliverOutOfOrder { get; set; }

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan OutOfOrderHold { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the provider takes to answer for the slow test card (it settles the payment after that).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan SlowCardDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First retry delay after the shop answered a webhook with a non-2xx; doubled on every attempt, at most an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan WebhookRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before a delivery is given up (it can still be redelivered through the API).</summary>
    [Range(1, 30)]
    public int WebhookMaxAttempts { get; set; } = 10;

    /// <summary>How often the dispatcher looks for due deliveries and settlements when nothing wakes it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);
}
