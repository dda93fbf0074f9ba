using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Payments;

/// <summary><c>Modules:Payments</c>.</summary>
internal sealed class PaymentsOptions
{
    /// <summary>How far a webhook's signed timestamp may be from now (either way) before it is refused as stale (replay protection).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Webhook deliveries one client address may make per minute.</summary>
    [Range(1, 100_000)]
    public int WebhookRequestsPerMinute { get; set; } = 1200;

    /// <summary>A payment left processing (or a refund left pending) this long is settled by asking the provider.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan ReconcileAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When the reconciliation job runs (5-field cron, UTC).</summary>
    [Required]
    public string ReconciliationCron { get; set; } = "* * * * *";
}
