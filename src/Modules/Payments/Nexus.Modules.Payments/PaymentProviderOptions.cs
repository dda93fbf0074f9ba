using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Payments;

/// <summary>
/// <c>Modules:Payments:Provider</c>: the provider account the shop uses. The secrets have development values in
/// Development only; elsewhere start-up fails without them (like <c>Nexus:PublicUrl</c> and the key-encryption key).
/// </summary>
internal sealed class PaymentProviderOptions
{
    /// <summary>The provider API's base, e.g. <c>https://shop.example/_stub-provider/v1/</c>; empty: the stub in this host, under <c>Nexus:PublicUrl</c>.</summary>
    public Uri? BaseUrl { get; set; }

    [Required(ErrorMessage = "Modules:Payments:Provider:ApiKey is required outside Development (the provider account's secret API key).")]
    [MinLength(16)]
    public string ApiKey { get; set; } = string.Empty;

    [Required(ErrorMessage = "Modules:Payments:Provider:WebhookSigningSecret is required outside Development (the secret the provider signs webhooks with).")]
    [MinLength(16)]
    public string WebhookSigningSecret { get; set; } = string.Empty;

    /// <summary>How long one call to the provider may take before the shop stops waiting (the payment then stays processing until settled).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of an idempotent call (a read, or a POST with an idempotency key) after a connection failure or a 5xx.</summary>
    [Range(0, 5)]
    public int Retries { get; set; } = 2;
}
