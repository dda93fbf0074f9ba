using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Nexus.Shared.Health;

/// <summary>Not ready until the database is migrated: a load balancer must not send shoppers to a half-started instance.</summary>
public sealed class StartupReadiness : IHealthCheck
{
    private volatile bool ready;

    public void MarkReady() => ready = true;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(ready ? HealthCheckResult.Healthy("Started") : HealthCheckResult.Unhealthy("Still starting: migrations are running."));
}
