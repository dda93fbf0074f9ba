using Microsoft.Extensions.Options;
using Nexus.Modules.Identity.Security;

namespace Nexus.Modules.Identity.Tokens;

/// <summary>
/// Tokens issued per user and minute (<see cref="TokenSettings.PerUserPerMinute"/>). Kept by the endpoint itself, which
/// answers 429 with ProblemDetails and Retry-After, keyed by the user id alone: a per-address limit would let one
/// account mint from many addresses. A frame renews about once per token lifetime, so the default leaves room for
/// many open tabs and nothing for a minting loop.
/// </summary>
internal sealed class TokenIssueLimiter : IDisposable
{
    private readonly PerMinuteLimit limit;

    public TokenIssueLimiter(IOptions<TokenSettings> settings) => limit = new PerMinuteLimit(settings.Value.PerUserPerMinute);

    /// <summary>Null when <paramref name="userId"/> may have another token now; otherwise how long to wait.</summary>
    public TimeSpan? TryIssue(string userId) => limit.TryAcquire(userId);

    public void Dispose() => limit.Dispose();
}
