using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Nexus.Modules.Identity.Accounts;

namespace Nexus.Modules.Identity.Security;

/// <summary>
/// Sign-in attempts per e-mail address, whatever IP they come from (a botnet spreads over addresses). The
/// IP limit is a policy on the page; this one needs the posted e-mail, so the page asks it directly.
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;

    public SignInThrottle(IOptions<AccountSettings> settings)
    {
        var perMinute = settings.Value.SignInPerEmailPerMinute;
        limiter = PartitionedRateLimiter.Create<string, string>(email => RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAttempt(string email)
    {
        using var lease = limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    public void Dispose() => limiter.Dispose();
}
