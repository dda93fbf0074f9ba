using Microsoft.Extensions.Diagnostics.HealthChecks;
using Nexus.Shared.Redis;
using StackExchange.Redis;

namespace Nexus.Shared.Health;

/// <summary>
/// Redis is needed for cross-process events, not for serving the shop: when it does not answer, readiness
/// reports Degraded (still 200) rather than taking the instance out of rotation.
/// </summary>
internal sealed class RedisHealthCheck : IHealthCheck
{
    private readonly RedisConnection redis;

    public RedisHealthCheck(RedisConnection redis) => this.redis = redis;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var database = await redis.DatabaseAsync();
            var latency = await database.PingAsync();
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("Redis does not answer; events wait in the outbox.", ex);
        }
    }
}
