using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Licensing;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.SubApps.Live;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>
/// A paid order's key appearing in an already open Licensing tab, without a reload, timed on one machine clock (the
/// test's and the browser's <c>Date.now()</c>). Two clocks start: at publication (just before the order-paid event's
/// outbox commit in the publishing host) and at the handler's commit (seen as the after-commit broadcast reaching a
/// subscriber in the shop). Both stop when the frame's DOM shows the key. The one-second budget is asserted from the
/// commit — the live path: after-commit fan-out (in memory or Redis pub/sub), the Server-Sent Event to the page,
/// the page re-reading its key list with the bearer token, the DOM swap. The time from publication adds the event
/// bus (outbox relay, in-process or Redis Streams transport, inbox, handler) and is reported beside it.
/// </summary>
internal static class LiveKeys
{
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits for the tab's live stream, publishes, and returns the times from publication and from the handler's
    /// commit until the key is in the frame's DOM. <paramref name="observer"/> is a host on the same fan-out as Licensing (the shop: in memory when
    /// Licensing runs in it, Redis otherwise); its copy of the after-commit broadcast marks when the handler committed.
    /// </summary>
    public static async Task<LiveKeyTiming> PublishAndTimeAsync(IPage page, NexusHostFactory observer, string customerId, Func<Task> publish)
    {
        var committed = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var watchCommit = await observer.Services.GetRequiredService<IFanOut>().SubscribeAsync(
            SubAppLiveNotifier.ChannelFor(LicensingModule.SubApp, customerId),
            _ =>
            {
                committed.TrySetResult(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
                return Task.CompletedTask;
            });
        var frame = LicensingTabJourney.LiveFrame(page);
        await frame.WaitForFunctionAsync("() => document.documentElement.dataset.live === 'open'", null, new() { Timeout = 10_000 });
        // The first "open" re-reads the list once (catch-up); wait for it, so it is not mistaken for the push.
        await frame.WaitForFunctionAsync("() => Number(document.documentElement.dataset.liveRefreshed || 0) >= 1", null, new() { Timeout = 10_000 });
        await frame.EvaluateAsync("""
            () => {
              window.__keyShownAt = 0;
              const seen = () => {
                if (!window.__keyShownAt && document.querySelector('[data-testid=license-key]')) {
                  window.__keyShownAt = Date.now();
                }
              };
              new MutationObserver(seen).observe(document.body, { subtree: true, childList: true });
              seen();
            }
            """);
        (await frame.EvaluateAsync<long>("() => window.__keyShownAt")).Should().Be(0, "the tab shows no key before the order is paid");

        var publishedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var watch = Stopwatch.StartNew();
        await publish();
        await TestContext.Out.WriteLineAsync($"publishing (outbox commit) took {watch.ElapsedMilliseconds} ms");
        await frame.WaitForFunctionAsync("() => window.__keyShownAt > 0", null, new() { Timeout = 10_000 });
        var shownAt = await frame.EvaluateAsync<long>("() => window.__keyShownAt");
        var elapsed = TimeSpan.FromMilliseconds(shownAt - publishedAt);
        // Where the time went: the page's re-read of its list starts when the pushed event arrives.
        var reread = await frame.EvaluateAsync<double[]>("""
            () => {
              const last = performance.getEntriesByType('resource').filter(e => e.initiatorType === 'fetch' && new URL(e.name).pathname.endsWith('/apps/licensing/')).pop();
              return last ? [performance.timeOrigin + last.startTime, performance.timeOrigin + last.responseEnd] : [0, 0];
            }
            """);
        var committedAt = await committed.Task.WaitAsync(TimeSpan.FromSeconds(5));
        await TestContext.Out.WriteLineAsync(
            $"key shown {elapsed.TotalMilliseconds:F0} ms after publication: handler committed after {committedAt - publishedAt} ms, " +
            $"page told after ~{reread[0] - publishedAt:F0} ms, list re-read in {reread[1] - reread[0]:F0} ms, swapped {shownAt - reread[1]:F0} ms later " +
            $"— {shownAt - committedAt} ms from the commit");
        return new LiveKeyTiming(elapsed, TimeSpan.FromMilliseconds(shownAt - committedAt));
    }
}

/// <summary>How long after publication, and after Licensing's handler committed, the key was in the tab's DOM.</summary>
internal sealed record LiveKeyTiming(TimeSpan FromPublication, TimeSpan FromCommit);
