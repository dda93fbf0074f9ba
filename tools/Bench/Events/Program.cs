using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Testing;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;
using Nexus.Tools.Bench.Events;
using StackExchange.Redis;

// Bench-Events: see Events.csproj. Finds the ceiling: the highest offered rate at which the bus keeps up and p99
// (commit -> handler done) stays within the goal. Arguments (all optional, in this order):
//   [warm-up seconds = 60] [seconds per step = 15] [max steps = 8] [first rate = 4000 events/s]
// Each command is one transaction writing 1-3 events to the outbox (uniformly: 2 on average), as handlers do.
var warmUpSeconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var stepSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
var maxSteps = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 8;
var firstRate = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 4_000;
const double P99GoalMs = 100;
const double KeptUp = 0.97; // a step must deliver at least this share of the offered rate

var runClock = Stopwatch.StartNew();
await using var redis = await RedisServer.StartPersistentAsync();
await RawStreamsRateAsync(redis.ConnectionString, "bench:warm-up", 20_000); // JIT and connection
var raw = await RawStreamsRateAsync(redis.ConnectionString, "bench:raw", 100_000);
Console.WriteLine(Invariant($"raw Redis Streams XADD -> XREADGROUP -> XACK: {raw:F0} messages/s (StackExchange.Redis typed API, pipelined XADD, COUNT 500)"));

using var host = new NexusHostFactory(new Dictionary<string, string?>
{
    ["Redis:ConnectionString"] = redis.ConnectionString,
    ["Nexus:SeedDemoData"] = "false",
}).WithProbe();
_ = host.Server;
var generator = new Generator(host);

// Warm-up: tiered compilation recompiles the hot paths in the background for tens of seconds after they first run
// (a quarter of the CPU of a short run went to it), which a shop that has been up for a while no longer pays.
// Start-up is Bench-Startup's business; this measures delivery.
var jitBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
var warmUp = await generator.RunAsync(firstRate, TimeSpan.FromSeconds(warmUpSeconds));
await generator.DrainAsync(TimeSpan.FromSeconds(120));
var jitLastTenSeconds = System.Runtime.JitInfo.GetCompiledMethodCount();
await generator.RunAsync(firstRate, TimeSpan.FromSeconds(Math.Min(10, warmUpSeconds)));
await generator.DrainAsync(TimeSpan.FromSeconds(60));
jitLastTenSeconds = System.Runtime.JitInfo.GetCompiledMethodCount() - jitLastTenSeconds;
Console.WriteLine(Invariant($"warm-up: {warmUpSeconds + Math.Min(10, warmUpSeconds)} s at {firstRate} events/s ({warmUp.Events} events), {System.Runtime.JitInfo.GetCompiledMethodCount() - jitBefore} methods compiled, {jitLastTenSeconds} in its last 10 s"));

// The search: up by half while a step passes, then halve the gap between the best pass and the first failure.
var steps = new List<Step>();
double? passed = null, failed = null;
var rate = (double)firstRate;
for (var i = 0; i < maxSteps; i++)
{
    var step = await generator.MeasureAsync((int)rate, TimeSpan.FromSeconds(stepSeconds), P99GoalMs, KeptUp);
    steps.Add(step);
    Console.WriteLine(step.Describe());
    if (step.Passed)
    {
        passed = Math.Max(passed ?? 0, rate);
    }
    else
    {
        failed = Math.Min(failed ?? double.MaxValue, rate);
    }

    if (failed is null)
    {
        rate *= 1.5;
    }
    else if (passed is null)
    {
        rate /= 2;
    }
    else if (failed.Value / passed.Value <= 1.08)
    {
        break; // within 8 %: close enough for a noisy machine
    }
    else
    {
        rate = (passed.Value + failed.Value) / 2;
    }

    await generator.DrainAsync(TimeSpan.FromSeconds(60));
    await Task.Delay(1000);
}

await generator.DrainAsync(TimeSpan.FromSeconds(120));
await Task.Delay(1000); // a duplicate would show up by now
var (lost, duplicated) = await generator.LostAndDuplicatedAsync();
var best = steps.Where(s => s.Passed).MaxBy(s => s.Delivered) ?? steps.MinBy(s => s.P99Ms)!;
Console.WriteLine(Invariant($"ceiling: {(steps.Any(s => s.Passed) ? "best passing step" : "no step passed; the one with the lowest p99")} offered {best.Offered}/s; {generator.Published} events in all, run took {runClock.Elapsed.TotalSeconds:F0} s; load average {LoadAverage()}"));
await generator.BreakdownAsync(best);
Console.WriteLine(Invariant($"BENCH events transport=redis events_per_s={best.Delivered:F0} p50_ms={best.P50Ms:F1} p99_ms={best.P99Ms:F1} cpu_us_per_event={best.CpuUsPerEvent:F0} raw_per_s={raw:F0} ratio={best.Delivered / raw:F3} lost={lost} duplicated={duplicated}"));
return lost == 0 && duplicated == 0 ? 0 : 1;

static string LoadAverage()
{
    try
    {
        return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
    }
    catch (IOException)
    {
        return "unknown";
    }
}

// The reference: the same client library, XADD pipelined by one producer while one consumer reads with
// XREADGROUP (COUNT 500) and acknowledges — what Redis Streams alone deliver on this machine.
static async Task<double> RawStreamsRateAsync(string connectionString, string key, int count)
{
    using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
    var db = connection.GetDatabase();
    RedisKey stream = key;
    await db.StreamCreateConsumerGroupAsync(stream, "reader", StreamPosition.Beginning, createStream: true);
    var payload = new string('x', 120);
    var clock = Stopwatch.StartNew();
    var producer = Task.Run(async () =>
    {
        for (var i = 0; i < count; i += 500)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(500, count - i)).Select(n =>
                db.StreamAddAsync(stream, [new NameValueEntry("id", n), new NameValueEntry("payload", payload)])));
        }
    });
    var received = 0;
    while (received < count)
    {
        var entries = await db.StreamReadGroupAsync(stream, "reader", "r1", StreamPosition.NewMessages, 500);
        if (entries.Length == 0)
        {
            await Task.Delay(1);
            continue;
        }

        await db.StreamAcknowledgeAsync(stream, "reader", entries.Select(e => e.Id).ToArray());
        received += entries.Length;
    }

    await producer;
    return count / clock.Elapsed.TotalSeconds;
}

static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
