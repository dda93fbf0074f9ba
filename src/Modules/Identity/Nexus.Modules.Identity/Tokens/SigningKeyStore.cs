using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Security.Tokens;

namespace Nexus.Modules.Identity.Tokens;

/// <summary>
/// The RSA keys tokens are signed with, kept in the database so every instance signs with and publishes the
/// same keys. The newest key signs; when it is <see cref="TokenSettings.KeyRotationDays"/> old a new one is
/// made. A superseded key stays published for <see cref="RetiredKeyGrace"/> after its successor appeared —
/// longer than any token it signed can live, plus the time other instances may still hold it in cache.
/// </summary>
internal sealed partial class SigningKeyStore : INexusSigningKeySource
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RetiredKeyGrace = TimeSpan.FromMinutes(15);
    private const string Purpose = "Nexus.Identity.SigningKeys.v1";

    private readonly IServiceScopeFactory scopes;
    private readonly IDataProtector protector;
    private readonly IOptionsMonitor<TokenSettings> settings;
    private readonly TimeProvider time;
    private readonly ILogger<SigningKeyStore> logger;
    private readonly SemaphoreSlim gate = new(1, 1);
    private KeySet? cached;

    public SigningKeyStore(IServiceScopeFactory scopes, IDataProtectionProvider dataProtection, IOptionsMonitor<TokenSettings> settings, TimeProvider time, ILogger<SigningKeyStore> logger)
    {
        this.scopes = scopes;
        protector = dataProtection.CreateProtector(Purpose);
        this.settings = settings;
        this.time = time;
        this.logger = logger;
    }

    /// <summary>The key to sign with now (private).</summary>
    public async Task<RsaSecurityKey> GetSigningKeyAsync(CancellationToken cancellationToken) =>
        (await GetKeySetAsync(cancellationToken)).Signing;

    /// <summary>The public halves of every key whose tokens may still be valid.</summary>
    public async Task<IReadOnlyList<SecurityKey>> GetValidationKeysAsync(CancellationToken cancellationToken) =>
        (await GetKeySetAsync(cancellationToken)).Published;

    /// <summary>Forgets the cache (tests and rotation).</summary>
    public void Invalidate() => cached = null;

    private async Task<KeySet> GetKeySetAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (cached is { } fresh && now - fresh.LoadedAt < CacheFor)
        {
            return fresh;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (cached is { } again && now - again.LoadedAt < CacheFor)
            {
                return again;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
            var keys = await db.SigningKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt).ToListAsync(cancellationToken);
            if (keys.Count == 0 || now - keys[0].CreatedAt >= TimeSpan.FromDays(settings.CurrentValue.KeyRotationDays))
            {
                var created = CreateKey(now);
                db.SigningKeys.Add(created);
                RemoveLongRetired(db, keys, now);
                await db.SaveChangesAsync(cancellationToken);
                LogRotated(logger, created.Id);
                keys.Insert(0, created);
            }

            var published = new List<SecurityKey>();
            for (var i = 0; i < keys.Count; i++)
            {
                // keys[i - 1] is the key that superseded keys[i].
                if (i == 0 || now - keys[i - 1].CreatedAt < RetiredKeyGrace)
                {
                    published.Add(PublicHalf(keys[i]));
                }
            }

            var set = new KeySet(Private(keys[0]), published, now);
            cached = set;
            return set;
        }
        finally
        {
            gate.Release();
        }
    }

    private static void RemoveLongRetired(IdentityStoreDbContext db, List<SigningKey> keys, DateTime now)
    {
        // Keep a day of history for investigations; anything older than that no longer verifies anything.
        for (var i = 1; i < keys.Count; i++)
        {
            if (now - keys[i - 1].CreatedAt > TimeSpan.FromDays(1))
            {
                db.SigningKeys.Remove(keys[i]);
            }
        }
    }

    private SigningKey CreateKey(DateTime now)
    {
        using var rsa = RSA.Create(2048);
        return new SigningKey
        {
            Id = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)),
            Algorithm = SecurityAlgorithms.RsaSha256,
            ProtectedPrivateKey = protector.Protect(Convert.ToBase64String(rsa.ExportPkcs8PrivateKey())),
            CreatedAt = now,
        };
    }

    private RsaSecurityKey Private(SigningKey key)
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(key.ProtectedPrivateKey)), out _);
        return new RsaSecurityKey(rsa) { KeyId = key.Id };
    }

    private RsaSecurityKey PublicHalf(SigningKey key)
    {
        using var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Convert.FromBase64String(protector.Unprotect(key.ProtectedPrivateKey)), out _);
        return new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: false)) { KeyId = key.Id };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Token signing key {KeyId} created")]
    private static partial void LogRotated(ILogger logger, string keyId);

    private sealed record KeySet(RsaSecurityKey Signing, IReadOnlyList<SecurityKey> Published, DateTime LoadedAt);
}
