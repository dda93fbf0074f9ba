using System.Threading.RateLimiting;

namespace Nexus.Modules.Identity.Security;

/// <summary>
/// At most a number of attempts per key (an e-mail address, a user id) and minute, in this process. For limits the
/// rate limiter's policies cannot express because the key is only known inside the handler (a posted field, the
/// signed-in user of an endpoint that answers 429 itself).
/// </summary>
internal sealed class PerMinuteLimit : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public PerMinuteLimit(int permitsPerMinute)
    {
        limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>Null when <paramref name="key"/> may go ahead now; otherwise how long to wait.</summary>
    public TimeSpan? TryAcquire(string key)
    {
        using var lease = limiter.AttemptAcquire(key);
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}
