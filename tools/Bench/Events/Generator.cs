using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;

namespace Nexus.Tools.Bench.Events;

/// <summary>Offers commands of 1-3 events at a paced rate through the real pipeline (command -> unit of work -> outbox).</summary>
internal sealed class Generator(NexusHostFactory host)
{
    /// <summary>
    /// Commands in flight at most, like a server's request concurrency: past it the schedule slips, the step delivers
    /// less than offered and fails (rather than thousands of commands each holding a thread while they wait for
    /// SQLite's writer lock, starving the thread pool — and with it the Redis client's replies).
    /// </summary>
    private const int MaxInFlight = 64;
    private readonly Random sizes = new(11);
    private readonly SemaphoreSlim inFlight = new(MaxInFlight, MaxInFlight);

    public int Published { get; private set; }

    /// <summary>Offers <paramref name="rate"/> events/s for <paramref name="duration"/>; returns the events' sequence range.</summary>
    public async Task<(int First, int Events)> RunAsync(int rate, TimeSpan duration)
    {
        var first = Published;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>();
        while (clock.Elapsed < duration)
        {
            // Catch up to the schedule every couple of milliseconds: the timer's granularity, not the rate, sets the tick.
            var due = (int)(clock.Elapsed.TotalSeconds * rate);
            while (Published - first < due)
            {
                var size = 1 + sizes.Next(3);
                var from = Published;
                Published += size;
                await inFlight.WaitAsync();
                sends.Add(Task.Run(async () =>
                {
                    try
                    {
                        await using var scope = host.Services.CreateAsyncScope();
                        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new EmitProbePings(from, size));
                    }
                    finally
                    {
                        inFlight.Release();
                    }
                }));
            }

            if (sends.Count > 4096)
            {
                sends.RemoveAll(t => t.IsCompletedSuccessfully);
            }

            await Task.Delay(2);
        }

        await Task.WhenAll(sends);
        return (first, Published - first);
    }

    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (await host.PingCountAsync() >= Published)
            {
                return true;
            }

            await Task.Delay(200);
        }

        return false;
    }

    public async Task<Step> MeasureAsync(int rate, TimeSpan duration, double p99GoalMs, double keptUp)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var (first, count) = await RunAsync(rate, duration);
        var complete = await DrainAsync(TimeSpan.FromSeconds(30));
        process.Refresh();
        var cpuUs = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

        await using var scope = host.Services.CreateAsyncScope();
        var applied = await scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Applied.AsNoTracking()
            .Where(a => a.Kind == "pinged" && a.Sequence >= first && a.Sequence < first + count)
            .Select(a => new { a.OccurredAt, a.AppliedAt }).ToListAsync();
        if (applied.Count == 0)
        {
            return new Step(rate, first, count, 0, 0, 0, 0, 0, 0, false, false, load);
        }

        // Commit -> handler done: from the event's creation inside the publishing transaction (just before it
        // commits; so slightly pessimistic) to its handler's run in the consumer.
        var latencies = applied.Select(a => (a.AppliedAt - a.OccurredAt).TotalMilliseconds).Order().ToList();
        var delivered = applied.Count / (applied.Max(a => a.AppliedAt) - applied.Min(a => a.OccurredAt)).TotalSeconds;
        var p99 = Percentile(latencies, 0.99);
        var passed = complete && applied.Count == count && p99 <= p99GoalMs && delivered >= rate * keptUp;
        return new Step(rate, first, count, delivered, Percentile(latencies, 0.5), Percentile(latencies, 0.9), p99, latencies[^1], cpuUs / count, complete, passed, load);
    }

    /// <summary>Where the time of a step went: commit -> relayed to Redis (outbox PublishedAt), relayed -> handled.</summary>
    public async Task BreakdownAsync(Step step)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProbeDbContext>();
        var applied = await db.Applied.AsNoTracking()
            .Where(a => a.Kind == "pinged" && a.Sequence >= step.First && a.Sequence < step.First + step.Count)
            .Select(a => new { a.EventId, a.AppliedAt }).ToListAsync();
        if (applied.Count == 0)
        {
            return;
        }

        var ids = applied.Select(a => a.EventId).ToHashSet();
        var from = applied.Min(a => a.AppliedAt).AddSeconds(-30);
        var outbox = (await db.Outbox.AsNoTracking().Where(m => m.CreatedAt >= from).Select(m => new { m.Id, m.OccurredAt, m.PublishedAt }).ToListAsync())
            .Where(m => ids.Contains(m.Id) && m.PublishedAt is not null).ToDictionary(m => m.Id);
        var relayLag = outbox.Values.Select(m => (m.PublishedAt!.Value - m.OccurredAt).TotalMilliseconds).Order().ToList();
        var consumeLag = applied.Where(a => outbox.ContainsKey(a.EventId)).Select(a => (a.AppliedAt - outbox[a.EventId].PublishedAt!.Value).TotalMilliseconds).Order().ToList();
        if (relayLag.Count > 0 && consumeLag.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"commit -> relayed p50 {Percentile(relayLag, 0.5):F1} ms p99 {Percentile(relayLag, 0.99):F1} ms · relayed -> handled p50 {Percentile(consumeLag, 0.5):F1} ms p99 {Percentile(consumeLag, 0.99):F1} ms"));
        }
    }

    public async Task<(int Lost, int Duplicated)> LostAndDuplicatedAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var pings = scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Applied.AsNoTracking().Where(a => a.Kind == "pinged");
        var total = await pings.CountAsync();
        var distinct = await pings.Select(a => a.Sequence).Distinct().CountAsync();
        return (Published - distinct, total - distinct);
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
