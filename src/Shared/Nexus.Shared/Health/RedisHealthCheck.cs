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
            var multiplexer = await redis.GetAsync();
            var latency = await multiplexer.GetDatabase().PingAsync();
            // The protocol the connection negotiated: RESP3 on Redis 6 and later, RESP2 on older servers.
            var protocol = multiplexer.GetServers().FirstOrDefault(s => s.IsConnected)?.Protocol;
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms{(protocol is { } p ? $", {p}" : string.Empty)}");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("Redis does not answer; events wait in the outbox.", ex);
        }
    }
}
