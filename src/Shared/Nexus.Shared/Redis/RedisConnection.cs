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
                var connected = await ConnectionMultiplexer.ConnectAsync(options);
                // 1.x completes replies one after another on one queue by default: a slow continuation (an event
                // consumer committing a batch to the database) would hold back every other reply in the process.
                connected.PreserveAsyncOrder = false;
                multiplexer = connected;
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
