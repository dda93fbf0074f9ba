using System.Diagnostics;
using System.Globalization;
using Nexus.Testing;
using Nexus.Tools.Bench.Realtime;

// Bench-Realtime: see Realtime.csproj. Arguments (optional): [connections = 10000] [warm-up seconds = 60] [measured pushes = 100]
// The server sides run as children of this program: --nexus-host <port> and --reference-host <port>.
const string NexusMode = "--nexus-host";
const string ReferenceMode = "--reference-host";
if (args is [NexusMode, var nexusPort])
{
    return await NexusSide.RunAsync(int.Parse(nexusPort, CultureInfo.InvariantCulture));
}

if (args is [ReferenceMode, var referencePort])
{
    return await ReferenceSide.RunAsync(int.Parse(referencePort, CultureInfo.InvariantCulture));
}

var connectionCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
var warmUpSeconds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
var pushCount = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;

// A push that has not reached a connection after this long is lost there (the goal is 50 ms at p99).
var roundTimeout = TimeSpan.FromSeconds(10);
// Between pushes, once the last one arrived everywhere: the next change is made on a server that is done sending,
// so each push is timed at the load (N connections held), not behind its predecessor.
var pause = TimeSpan.FromMilliseconds(20);

Console.WriteLine(Invariant($"realtime: {connectionCount} connections per server, {warmUpSeconds} s warm-up, {pushCount} measured pushes each; open files limit {OpenFilesLimit()}; load {Load()}"));
var nexus = await MeasureAsync("nexus", NexusMode, "hubs/shop");
var reference = await MeasureAsync("reference", ReferenceMode, ReferenceSide.HubPath.TrimStart('/'));
var loadAfter = Load();

Report(nexus, "nexus: the Nexus host (test kit, SQLite) on /hubs/shop; a push is a committed AdjustStock (0 <-> 1 unit) turned into stock.changed for the stock group by Notifications");
Report(reference, "reference: a bare ASP.NET Core app, one empty hub, SignalR defaults; a push is IHubContext.Clients.All.SendAsync of the same message");
Console.WriteLine(Invariant($"load after: {loadAfter}"));
var p99 = Percentile(nexus.Latencies, 0.99);
var referenceP99 = Percentile(reference.Latencies, 0.99);
Console.WriteLine(Invariant($"BENCH realtime connections={nexus.Held} p50_ms={Percentile(nexus.Latencies, 0.5):F1} p99_ms={p99:F1} reference_p50_ms={Percentile(reference.Latencies, 0.5):F1} reference_p99_ms={referenceP99:F1} ratio={(referenceP99 > 0 ? p99 / referenceP99 : 0):F2} lost={nexus.Lost} memory_mb={nexus.MemoryMb:F0}"));
return nexus.Lost == 0 && nexus.Held == connectionCount ? 0 : 1;

async Task<Phase> MeasureAsync(string name, string mode, string hubPath)
{
    var clock = Stopwatch.StartNew();
    await using var server = await ChildServer.StartAsync(mode, FreePort.Next(), TimeSpan.FromMinutes(3));
    var idleMb = server.WorkingSetMb();
    Console.WriteLine(Invariant($"{name}: server up in {clock.Elapsed.TotalSeconds:F1} s at {server.BaseUrl}, {idleMb:F0} MB; opening {connectionCount} connections"));
    var (client, failed, took) = await LoadClient.ConnectAsync(new Uri(server.BaseUrl, hubPath), connectionCount, Console.WriteLine);
    try
    {
        var phase = new Phase(name) { Held = client.Opened, FailedToOpen = failed, OpenSeconds = took.TotalSeconds, IdleMb = idleMb };
        Console.WriteLine(Invariant($"{name}: {client.Opened} connections open in {took.TotalSeconds:F1} s ({failed} failed); server {server.WorkingSetMb():F0} MB"));
        var seq = 0;
        var warmUpUntil = Stopwatch.GetTimestamp() + (long)(warmUpSeconds * Stopwatch.Frequency);
        var warmUps = 0;
        while (Stopwatch.GetTimestamp() < warmUpUntil)
        {
            await RoundAsync(server, client, seq++, null);
            warmUps++;
        }

        phase.WarmUpPushes = warmUps;
        var strayBefore = client.Stray;
        var cpuBefore = server.CpuTime();
        for (var i = 0; i < pushCount; i++)
        {
            await RoundAsync(server, client, seq++, phase);
        }

        phase.CpuMsPerPush = (server.CpuTime() - cpuBefore).TotalMilliseconds / pushCount;
        phase.MemoryMb = server.WorkingSetMb(); // while all N are still held
        phase.Stray = client.Stray - strayBefore;
        phase.Dropped = client.Opened - client.Held;
        return phase;
    }
    finally
    {
        await client.DisposeAsync();
    }
}

async Task RoundAsync(ChildServer server, LoadClient client, int seq, Phase? measured)
{
    var round = client.Expect(server.Products[seq % NexusSide.Products], seq / NexusSide.Products % 2 == 0);
    var pushed = await server.PushAsync(seq, TimeSpan.FromSeconds(30));
    await round.WaitAsync(roundTimeout);
    client.StopExpecting();
    if (measured is not null)
    {
        var first = double.MaxValue;
        var last = double.MinValue;
        foreach (var arrival in round.Arrivals)
        {
            if (arrival != 0)
            {
                var ms = (arrival - pushed) * 1000.0 / Stopwatch.Frequency;
                measured.Latencies.Add(ms);
                first = Math.Min(first, ms);
                last = Math.Max(last, ms);
            }
        }

        measured.Lost += round.Expected - round.Received;
        if (round.Received > 0)
        {
            measured.FirstArrivals.Add(first);
            measured.LastArrivals.Add(last);
        }
    }

    await Task.Delay(pause);
}

void Report(Phase phase, string what)
{
    Console.WriteLine(what);
    Console.WriteLine(Invariant($"{phase.Name}: {phase.Held} connections held ({phase.FailedToOpen} failed to open, opened in {phase.OpenSeconds:F0} s, {phase.Dropped} dropped during the run); warm-up {phase.WarmUpPushes} pushes"));
    Console.WriteLine(Invariant($"{phase.Name}: {phase.Latencies.Count} arrivals of {pushCount} pushes: min {Percentile(phase.Latencies, 0):F1} p50 {Percentile(phase.Latencies, 0.5):F1} p90 {Percentile(phase.Latencies, 0.9):F1} p99 {Percentile(phase.Latencies, 0.99):F1} max {Percentile(phase.Latencies, 1):F1} ms; first connection reached p50 {Percentile(phase.FirstArrivals, 0.5):F1} ms p99 {Percentile(phase.FirstArrivals, 0.99):F1} ms, last p50 {Percentile(phase.LastArrivals, 0.5):F1} ms p99 {Percentile(phase.LastArrivals, 0.99):F1} ms; lost {phase.Lost}, stray {phase.Stray}"));
    Console.WriteLine(Invariant($"{phase.Name}: server working set {phase.IdleMb:F0} MB idle, {phase.MemoryMb:F0} MB holding the connections; server CPU {phase.CpuMsPerPush:F1} ms per push"));
}

static double Percentile(List<double> values, double percentile)
{
    if (values.Count == 0)
    {
        return 0;
    }

    values.Sort();
    return values[Math.Clamp((int)Math.Ceiling(percentile * values.Count) - 1, 0, values.Count - 1)];
}

static string Load() => File.ReadAllText("/proc/loadavg").Trim();

// Soft/hard, as /proc/self/limits has them ("Max open files  20000  20000  files").
static string OpenFilesLimit() =>
    File.ReadLines("/proc/self/limits").FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal)) is { } line
        ? string.Join('/', line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(2))
        : "unknown";

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

/// <summary>What one server side did under the load.</summary>
internal sealed class Phase(string name)
{
    public string Name { get; } = name;

    public List<double> Latencies { get; } = [];

    /// <summary>Per push, its first arrival anywhere: the change's way to the hub, before the fan-out to N.</summary>
    public List<double> FirstArrivals { get; } = [];

    /// <summary>Per push, its last arrival: the fan-out done.</summary>
    public List<double> LastArrivals { get; } = [];

    public int Held { get; set; }

    public int FailedToOpen { get; set; }

    public double OpenSeconds { get; set; }

    public int WarmUpPushes { get; set; }

    public long Lost { get; set; }

    public int Stray { get; set; }

    public int Dropped { get; set; }

    public double IdleMb { get; set; }

    public double MemoryMb { get; set; }

    public double CpuMsPerPush { get; set; }
}
