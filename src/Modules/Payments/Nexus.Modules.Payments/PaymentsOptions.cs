using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Payments;

/// <summary><c>Modules:Payments</c>.</summary>
internal sealed class PaymentsOptions
{
    /// <summary>How far a webhook's signed timestamp may be from now (either way) before it is refused as stale (replay protection).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Webhook deliveries one client address may make per minute. A provider sends at least one per payment from a few
    /// addresses, so this must sit above the shop's own order rate: 1,200 (20/s) throttled the provider's confirmations
    /// as soon as Bench-Checkout bought faster than 20 orders/s (429s, retries, shoppers left on "processing"). 20,000
    /// matches the checkout goal of 300 orders/s and still bounds what a flood of refused deliveries (each one logged)
    /// can cost.
    /// </summary>
    [Range(1, 100_000)]
    public int WebhookRequestsPerMinute { get; set; } = 20_000;

    /// <summary>A payment left processing (or a refund left pending) this long is settled by asking the provider.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When the reconciliation job runs (5-field cron, UTC).</summary>
    [Required]
    public string ReconciliationCron { get; set; } = "* * * * *";
}
