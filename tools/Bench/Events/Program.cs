using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Testing;
using Nexus.Testing.Events;
using Nexus.Testing.Hosting;
using StackExchange.Redis;

// Bench-Events: see Events.csproj. Arguments: [events] [offered events per second] (defaults 20000, 5500).
// The offered rate is 10 % above the 5,000/s goal: events_per_s counts from the first commit to the last handler,
// so a run offered exactly 5,000/s reports slightly less even when nothing queues.
var total = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var targetRate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_500;
const int PerCommand = 50; // events per publishing transaction

await using var redis = await RedisServer.StartPersistentAsync();
await RawStreamsRateAsync(redis.ConnectionString, "bench:warm-up", 5_000); // JIT and connection
var raw = await RawStreamsRateAsync(redis.ConnectionString, "bench:raw", total);
Console.WriteLine(Invariant($"raw Redis Streams publish->receive: {raw:F0} messages/s"));

using var host = new NexusHostFactory(new Dictionary<string, string?>
{
    ["Redis:ConnectionString"] = redis.ConnectionString,
    ["Nexus:SeedDemoData"] = "false",
}).WithProbe();
_ = host.Server;

// Warm-up until steady state: connection pools and consumer groups, and the JIT — tiered compilation recompiles
// the hot paths in the background for many seconds after they first run (a quarter of the CPU of a short run went
// to it), which a shop that has been up for a while no longer pays. Start-up is Bench-Startup's business; this
// measures delivery. Paced bursts of the real load until a whole burst compiles (almost) no new methods.
var warmUp = 0;
var jitQuiet = false;
var warmUpClock = Stopwatch.StartNew();
while (!jitQuiet && warmUpClock.Elapsed < TimeSpan.FromSeconds(90))
{
    var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
    await PublishPacedAsync(host, -1_000_000 + warmUp, 2_500, targetRate, PerCommand);
    warmUp += 2_500;
    await WaitForAsync(host, warmUp, TimeSpan.FromSeconds(60));
    await Task.Delay(500);
    jitQuiet = System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore < 20;
}

Console.WriteLine(Invariant($"warm-up: {warmUp} events in {warmUpClock.Elapsed.TotalSeconds:F0} s{(jitQuiet ? ", JIT quiet" : ", JIT still compiling after 90 s")}"));

// Paced at the target rate: one transaction of PerCommand events every PerCommand/targetRate seconds.
Console.WriteLine(Invariant($"publishing {total} events at {targetRate}/s in transactions of {PerCommand}"));
var process = Process.GetCurrentProcess();
// Writers waiting for SQLite's single writer lock (Nexus.Shared's SqliteLockWait counts them): where commits queue.
long lockWaits = 0;
double lockWaitMs = 0;
using var lockListener = new System.Diagnostics.Metrics.MeterListener();
lockListener.InstrumentPublished = (instrument, listener) =>
{
    if (instrument.Meter.Name == "Nexus.Persistence")
    {
        listener.EnableMeasurementEvents(instrument);
    }
};
lockListener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref lockWaits, value));
lockListener.SetMeasurementEventCallback<double>((_, value, _, _) =>
{
    double seen, next;
    do
    {
        seen = Volatile.Read(ref lockWaitMs);
        next = seen + value;
    }
    while (Interlocked.CompareExchange(ref lockWaitMs, next, seen) != seen);
});
lockListener.Start();
var cpuBefore = process.TotalProcessorTime;
await PublishPacedAsync(host, 0, total, targetRate, PerCommand);
var complete = await WaitForAsync(host, total + warmUp, TimeSpan.FromMinutes(5));
if (!complete)
{
    Console.WriteLine("not every event arrived within 5 minutes");
}

// CPU of this process (publishers, relay, consumers; Redis runs apart) per event: less sensitive than the rates to
// whatever else the machine is running, so it shows whether a change made the bus cheaper.
process.Refresh();
lockListener.Dispose();
var cpuPerEventUs = (process.TotalProcessorTime - cpuBefore).TotalMicroseconds / total;
await Task.Delay(1000); // a duplicate would show up by now
var applied = (await host.PingsAsync()).Where(p => p.Sequence >= 0).ToList();
var distinct = applied.Select(p => p.Sequence).Distinct().Count();
var lost = total - distinct;
var duplicated = applied.Count - distinct;
// Commit -> handler done: from the event's creation inside the publishing transaction (just before it commits;
// so slightly pessimistic) to its handler's run in the consumer.
var latencies = applied.Select(p => (p.AppliedAt - p.OccurredAt).TotalMilliseconds).Order().ToList();
var first = applied.Min(p => p.OccurredAt);
var last = applied.Max(p => p.AppliedAt);
var rate = applied.Count / (last - first).TotalSeconds;
var p50 = Percentile(latencies, 0.50);
var p99 = Percentile(latencies, 0.99);
Console.WriteLine(Invariant($"cpu per event {cpuPerEventUs:F0} µs (this process, {Environment.ProcessorCount} cores)"));
Console.WriteLine(Invariant($"sqlite writer lock: {lockWaits} waits, {lockWaitMs:F0} ms waited in all"));
Console.WriteLine(Invariant($"events {total} (target {targetRate}/s) · p50 {p50:F1} ms · p90 {Percentile(latencies, 0.90):F1} ms · p99 {p99:F1} ms · max {latencies[^1]:F1} ms"));
// Where the time goes: commit -> relayed to Redis (outbox PublishedAt), relayed -> handled.
await using (var scope = host.Services.CreateAsyncScope())
{
    var measured = applied.Select(p => p.EventId).ToHashSet();
    var outbox = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
        scope.ServiceProvider.GetRequiredService<ProbeDbContext>().Outbox)).Where(m => measured.Contains(m.Id)).ToList();
    var publishedAt = outbox.ToDictionary(m => m.Id, m => m.PublishedAt ?? m.CreatedAt);
    var relayLag = outbox.Select(m => ((m.PublishedAt ?? m.CreatedAt) - m.OccurredAt).TotalMilliseconds).Order().ToList();
    var consumeLag = applied.Select(p => (p.AppliedAt - publishedAt[p.EventId]).TotalMilliseconds).Order().ToList();
    Console.WriteLine(Invariant($"commit -> relayed p50 {Percentile(relayLag, 0.5):F1} ms p99 {Percentile(relayLag, 0.99):F1} ms · relayed -> handled p50 {Percentile(consumeLag, 0.5):F1} ms p99 {Percentile(consumeLag, 0.99):F1} ms"));
}

Console.WriteLine(Invariant($"BENCH events transport=redis events_per_s={rate:F0} p50_ms={p50:F1} p99_ms={p99:F1} raw_per_s={raw:F0} ratio={rate / raw:F3} lost={lost} duplicated={duplicated}"));
return lost == 0 && duplicated == 0 ? 0 : 1;

// One transaction of perCommand events every perCommand/rate seconds, each in its own task as requests would be.
static async Task PublishPacedAsync(NexusHostFactory host, int first, int count, int rate, int perCommand)
{
    var interval = TimeSpan.FromSeconds((double)perCommand / rate);
    var clock = Stopwatch.StartNew();
    var sends = new List<Task>();
    for (var start = 0; start < count; start += perCommand)
    {
        var wait = (interval * (start / perCommand)) - clock.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        var from = first + start;
        var size = Math.Min(perCommand, count - start);
        sends.Add(Task.Run(async () =>
        {
            await using var scope = host.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new EmitProbePings(from, size));
        }));
    }

    await Task.WhenAll(sends);
}

static async Task<bool> WaitForAsync(NexusHostFactory host, int count, TimeSpan timeout)
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < timeout)
    {
        if (await host.PingCountAsync() >= count)
        {
            return true;
        }

        await Task.Delay(250);
    }

    return false;
}

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

// The reference: the same client library, XADD pipelined by one producer while one consumer reads with
// XREADGROUP (COUNT 500) and acknowledges — what Redis Streams alone deliver on this machine.
static async Task<double> RawStreamsRateAsync(string connectionString, string key, int count)
{
    using var connection = await ConnectionMultiplexer.ConnectAsync(connectionString);
    var db = connection.GetDatabase();
    RedisKey stream = key;
    await db.ExecuteAsync("XGROUP", "CREATE", stream, "reader", "0", "MKSTREAM");
    var payload = new string('x', 120);
    var clock = Stopwatch.StartNew();
    var producer = Task.Run(async () =>
    {
        for (var i = 0; i < count; i += 500)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(500, count - i)).Select(n =>
                db.ExecuteAsync("XADD", stream, "*", "id", n.ToString(CultureInfo.InvariantCulture), "payload", payload)));
        }
    });
    var received = 0;
    while (received < count)
    {
        var result = await db.ExecuteAsync("XREADGROUP", "GROUP", "reader", "r1", "COUNT", "500", "STREAMS", stream, ">");
        if (result.IsNull)
        {
            await Task.Delay(1);
            continue;
        }

        var entries = (RedisResult[])((RedisResult[])((RedisResult[])result!)[0]!)[1]!;
        if (entries.Length == 0)
        {
            await Task.Delay(1);
            continue;
        }

        var ack = new List<object> { stream, "reader" };
        ack.AddRange(entries.Select(e => (object)(string)((RedisResult[])e!)[0]!));
        await db.ExecuteAsync("XACK", ack.ToArray());
        received += entries.Length;
    }

    await producer;
    return count / clock.Elapsed.TotalSeconds;
}

static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);
