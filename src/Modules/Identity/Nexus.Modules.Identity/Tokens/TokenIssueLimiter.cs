using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Nexus.Modules.Identity.Tokens;

/// <summary>
/// Tokens issued per user and minute (<see cref="TokenSettings.PerUserPerMinute"/>). Kept by the endpoint itself
/// rather than as a rate-limiter policy: the shop's rate limiter runs before authentication, where the user is not
/// known yet, and a per-address limit would let one account mint from many addresses. A frame renews about once per
/// token lifetime, so the default leaves room for many open tabs and nothing for a minting loop.
/// </summary>
internal sealed class TokenIssueLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public TokenIssueLimiter(IOptions<TokenSettings> settings)
    {
        var perMinute = settings.Value.PerUserPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetFixedWindowLimiter(userId, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>Null when <paramref name="userId"/> may have another token now; otherwise how long to wait.</summary>
    public TimeSpan? TryIssue(string userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}
