using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Nexus.Shared.Health;

/// <summary>
/// Redis is needed for cross-process events, not for serving the shop: when it does not answer, readiness
/// reports Degraded (still 200) rather than taking the instance out of rotation.
/// </summary>
internal sealed class RedisHealthCheck : IHealthCheck, IDisposable
{
    private readonly ConfigurationOptions options;
    private readonly SemaphoreSlim gate = new(1, 1);
    private ConnectionMultiplexer? connection;

    public RedisHealthCheck(ConfigurationOptions options) => this.options = options;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var multiplexer = await ConnectAsync();
            var latency = await multiplexer.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy($"PING {latency.TotalMilliseconds:0.0} ms");
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Degraded("Redis does not answer; events wait in the outbox.", ex);
        }
    }

    public void Dispose()
    {
        connection?.Dispose();
        gate.Dispose();
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (connection is { IsConnected: true })
        {
            return connection;
        }

        await gate.WaitAsync();
        try
        {
            connection ??= await ConnectionMultiplexer.ConnectAsync(options);
            return connection;
        }
        finally
        {
            gate.Release();
        }
    }
}
