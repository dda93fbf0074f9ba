using StackExchange.Redis;

namespace Nexus.Shared.Redis;

/// <summary>
/// The process's one Redis multiplexer (health check, event transport, fan-out), connected lazily and with
/// <c>AbortOnConnectFail=false</c>: Redis being down at start or later never stops the shop; the multiplexer
/// reconnects on its own when it returns.
/// </summary>
public sealed class RedisConnection : IDisposable
{
    private readonly ConfigurationOptions options;
    private readonly SemaphoreSlim gate = new(1, 1);
    private ConnectionMultiplexer? multiplexer;

    public RedisConnection(ConfigurationOptions options) => this.options = options;

    public async Task<ConnectionMultiplexer> GetAsync()
    {
        if (multiplexer is { } existing)
        {
            return existing;
        }

        await gate.WaitAsync();
        try
        {
            if (multiplexer is null)
            {
                // StackExchange.Redis 3 speaks RESP3 where the server offers it (Redis 6+): replies and pub/sub messages
                // share one connection, and continuations never wait on one another (1.x needed PreserveAsyncOrder=false).
                multiplexer = await ConnectionMultiplexer.ConnectAsync(options);
            }

            return multiplexer;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<IDatabase> DatabaseAsync() => (await GetAsync()).GetDatabase();

    public void Dispose()
    {
        multiplexer?.Dispose();
        gate.Dispose();
    }
}
