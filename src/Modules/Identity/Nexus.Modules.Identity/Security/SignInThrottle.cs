using Microsoft.Extensions.Options;
using Nexus.Modules.Identity.Accounts;

namespace Nexus.Modules.Identity.Security;

/// <summary>
/// Sign-in attempts per e-mail address, whatever IP they come from (a botnet spreads over addresses). The
/// IP limit is a policy on the page; this one needs the posted e-mail, so the page asks it directly.
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    private readonly PerMinuteLimit limit;

    public SignInThrottle(IOptions<AccountSettings> settings) => limit = new PerMinuteLimit(settings.Value.SignInPerEmailPerMinute);

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAttempt(string email) => limit.TryAcquire(email.Trim().ToUpperInvariant());

    public void Dispose() => limit.Dispose();
}
