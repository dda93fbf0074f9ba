using System.Diagnostics;
using NUnit.Framework;

namespace Nexus.Testing;

/// <summary>Waiting for something asynchronous (a job, a message, a cache refresh) in a test.</summary>
public static class Eventually
{
    /// <summary>
    /// Polls <paramref name="condition"/> until it returns true, failing the test after
    /// <paramref name="timeout"/> with <paramref name="because"/> and the last exception the
    /// condition threw (exceptions count as "not yet"). Polls quickly at first, then every 250 ms.
    /// </summary>
    public static async Task TrueAsync(
        Func<Task<bool>> condition,
        TimeSpan timeout,
        string because,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var elapsed = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(10);
        var attempts = 0;
        Exception? lastError = null;
        while (true)
        {
            attempts++;
            try
            {
                // Bounded, so a hung condition cannot outlive the timeout by much.
                var remaining = timeout - elapsed.Elapsed;
                if (await condition().WaitAsync(remaining > TimeSpan.FromSeconds(1) ? remaining : TimeSpan.FromSeconds(1), cancellationToken))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                lastError = e;
            }

            if (elapsed.Elapsed >= timeout)
            {
                break;
            }

            // Whole milliseconds, at least one: Task.Delay truncates, and a zero delay near the
            // deadline would spin through hundreds of checks.
            var remainingMs = (timeout - elapsed.Elapsed).TotalMilliseconds;
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(Math.Clamp(remainingMs, 1, delay.TotalMilliseconds))), cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
        }

        Assert.Fail(
            $"Not true within {timeout.TotalSeconds:0.0##}s ({attempts} checks): {because}"
            + (lastError is null ? "" : $"\nThe last check threw {lastError.GetType().Name}: {lastError.Message}"));
    }
}
