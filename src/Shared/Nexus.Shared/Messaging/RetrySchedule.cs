namespace Nexus.Shared.Messaging;

/// <summary>Exponential backoff with jitter: base·2^(attempt−1), capped, then scaled by a random 50–100 %.</summary>
internal static class RetrySchedule
{
    public static TimeSpan DelayAfter(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double random)
    {
        var exponential = baseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, attempt - 1));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        // Jitter spreads the retries of many failed events (and instances) so they do not stampede together.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (0.5 * random)));
    }
}
