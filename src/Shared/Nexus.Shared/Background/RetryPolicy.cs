namespace Nexus.Shared.Background;

/// <summary>
/// The one backoff Nexus retries with, whatever is retried (an event handler, an e-mail, a relay or a stream consumer
/// that lost its database or broker): attempt <c>n</c> waits <see cref="BaseDelay"/>·2^(n−1), capped at
/// <see cref="MaxDelay"/>, then scaled by a random 50–100 %. The cap keeps a long outage from pushing retries days
/// out; the jitter spreads the retries of many failed items (and instances) so they do not stampede together when
/// the outage ends.
/// </summary>
/// <remarks>
/// Settings that feed it: <c>Events:RetryBaseDelay</c> / <c>Events:MaxRetryDelay</c> (event handlers),
/// <c>Notifications:RetryBaseDelay</c> / <c>Notifications:MaxRetryDelay</c> (e-mail); loops that reconnect use
/// <see cref="Reconnect"/>.
/// </remarks>
public sealed record RetryPolicy
{
    public RetryPolicy(TimeSpan baseDelay, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(baseDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, baseDelay);
        BaseDelay = baseDelay;
        MaxDelay = maxDelay;
    }

    /// <summary>A background loop that failed (database or broker unreachable) tries again: 250 ms doubling to 10 s.</summary>
    public static RetryPolicy Reconnect { get; } = new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(10));

    /// <summary>Delay before the first retry; doubled per attempt.</summary>
    public TimeSpan BaseDelay { get; }

    /// <summary>No delay is longer than this (before jitter).</summary>
    public TimeSpan MaxDelay { get; }

    /// <summary>How long to wait after failed attempt number <paramref name="attempt"/> (1 for the first failure).</summary>
    public TimeSpan DelayAfter(int attempt) => DelayAfter(attempt, Random.Shared.NextDouble());

    /// <summary><see cref="DelayAfter(int)"/> with the jitter's random number (0–1) given, for tests.</summary>
    public TimeSpan DelayAfter(int attempt, double random)
    {
        // Math.Pow overflows to infinity for a very large attempt; Math.Min then simply picks the cap.
        var exponential = BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * Math.Clamp(random, 0, 1))));
    }
}
