using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Nexus.Shared.Security.Tokens;

/// <summary>
/// Feeds JwtBearer the current signing keys without an OpenID Connect discovery document: keys are cached
/// for <see cref="CacheFor"/>, and a token signed by a key we have not seen (a rotation) asks for a refresh,
/// at most once per <see cref="MinimumRefreshInterval"/> so forged <c>kid</c>s cannot hammer the source.
/// </summary>
internal sealed class SigningKeysConfigurationManager : IConfigurationManager<OpenIdConnectConfiguration>
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly Func<CancellationToken, Task<IReadOnlyList<SecurityKey>>> loadKeys;
    private readonly TimeProvider time;
    private readonly SemaphoreSlim gate = new(1, 1);
    private OpenIdConnectConfiguration? current;
    private DateTimeOffset loadedAt;
    private DateTimeOffset refreshRequestedAt;
    private bool refreshRequested;

    public SigningKeysConfigurationManager(Func<CancellationToken, Task<IReadOnlyList<SecurityKey>>> loadKeys, TimeProvider time)
    {
        this.loadKeys = loadKeys;
        this.time = time;
    }

    public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(CancellationToken cancel)
    {
        var now = time.GetUtcNow();
        if (current is not null && !refreshRequested && now - loadedAt < CacheFor)
        {
            return current;
        }

        await gate.WaitAsync(cancel);
        try
        {
            if (current is not null && !refreshRequested && now - loadedAt < CacheFor)
            {
                return current;
            }

            var configuration = new OpenIdConnectConfiguration();
            foreach (var key in await loadKeys(cancel))
            {
                configuration.SigningKeys.Add(key);
            }

            current = configuration;
            loadedAt = time.GetUtcNow();
            refreshRequested = false;
            return configuration;
        }
        catch (Exception) when (current is not null)
        {
            // The key source is briefly unreachable: keep validating with the keys we had.
            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    public void RequestRefresh()
    {
        var now = time.GetUtcNow();
        if (now - refreshRequestedAt >= MinimumRefreshInterval)
        {
            refreshRequestedAt = now;
            refreshRequested = true;
        }
    }
}
