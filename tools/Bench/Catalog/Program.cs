using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Testing.Hosting;

// Bench-Catalog: see Catalog.csproj. Arguments (optional): [warm-up seconds = 60] [products = 5000]
var warmUpSeconds = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60;
var productCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5000;

using var host = new NexusHostFactory(new Dictionary<string, string?>
{
    ["Nexus:SeedDemoData"] = "false",
    ["Modules:Catalog:BenchReference"] = "true",
});
var baseUrl = host.StartKestrel().ToString().TrimEnd('/');
await SeedAsync(host, productCount);

const string Filter = "?category=hardware&sort=price-asc";
var listing = baseUrl + "/" + Filter;
var bare = baseUrl + "/_bench/catalog-bare" + Filter;
var search = baseUrl + "/search?q=wireless+keyboard";

// Warm-up: the JIT recompiles hot paths for about a minute after they first run; a shop that has been up a while no
// longer pays that. Split over the three pages.
var slice = Math.Max(1, warmUpSeconds / 3);
foreach (var url in new[] { listing, bare, search })
{
    await Wrk(url, slice);
}

Console.WriteLine(Invariant($"warm-up: {slice * 3} s ({slice} s per page, wrk -t2 -c64); {productCount} products; load {File.ReadAllText("/proc/loadavg").Trim()}"));
var nexus = await Wrk(listing, 10);
var reference = await Wrk(bare, 10);
var searched = await Wrk(search, 10);
Console.WriteLine(Invariant($"listing {Filter}: {nexus.Rps:F0} req/s, p99 {nexus.P99Ms:F1} ms, {nexus.CpuUs:F0} us CPU/request, non-2xx {nexus.Errors}"));
Console.WriteLine(Invariant($"bare reference: {reference.Rps:F0} req/s, p99 {reference.P99Ms:F1} ms, {reference.CpuUs:F0} us CPU/request, non-2xx {reference.Errors}"));
Console.WriteLine(Invariant($"search q=wireless keyboard: {searched.Rps:F0} req/s, p99 {searched.P99Ms:F1} ms, {searched.CpuUs:F0} us CPU/request, non-2xx {searched.Errors}"));
Console.WriteLine(Invariant($"load after: {File.ReadAllText("/proc/loadavg").Trim()}"));
Console.WriteLine(Invariant($"BENCH catalog nexus_rps={nexus.Rps:F0} bare_rps={reference.Rps:F0} ratio={nexus.Rps / reference.Rps:F2} p99_ms={nexus.P99Ms:F1} search_rps={searched.Rps:F0} search_p99_ms={searched.P99Ms:F1} nexus_cpu_us={nexus.CpuUs:F0} bare_cpu_us={reference.CpuUs:F0} cpu_ratio={reference.CpuUs / nexus.CpuUs:F2} search_cpu_us={searched.CpuUs:F0}"));
return nexus.Errors + reference.Errors + searched.Errors == 0 ? 0 : 1;

// Each run also reports the host's CPU time (user + system of this process, which is the host: wrk runs apart) per
// request: on a machine shared with other work that is the comparable figure, where rps and p99 are not.
static async Task<(double Rps, double P99Ms, long Errors, double CpuUs)> Wrk(string url, int seconds)
{
    var psi = new ProcessStartInfo("wrk", ["-t2", "-c64", $"-d{seconds}s", "--latency", url]) { RedirectStandardOutput = true };
    var cpuBefore = ProcessCpuTicks();
    using var process = Process.Start(psi)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    var cpuTicks = ProcessCpuTicks() - cpuBefore;
    var requests = long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
    const double ClockTicksPerSecond = 100; // USER_HZ on every Linux this runs on (getconf CLK_TCK)
    var cpuUs = requests == 0 ? 0 : cpuTicks * 1_000_000.0 / ClockTicksPerSecond / requests;
    var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
    var p99 = Regex.Match(output, @"99%\s+([\d.]+)(us|ms|s)\b");
    var value = double.Parse(p99.Groups[1].Value, CultureInfo.InvariantCulture);
    var ms = p99.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    var errors = Regex.Match(output, @"Non-2xx or 3xx responses:\s+(\d+)") is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    return (rps, ms, errors, cpuUs);
}

// utime + stime of this process from /proc/self/stat, in clock ticks (fields 14 and 15; the name in parentheses may
// hold spaces, so count from its closing parenthesis).
static long ProcessCpuTicks()
{
    var stat = File.ReadAllText("/proc/self/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
}

// A deterministic catalog: a two-level tree of 12 categories, products with tags, ratings and stock.
static async Task SeedAsync(NexusHostFactory host, int count)
{
    var random = new Random(14);
    string[] tops = ["Hardware", "Software", "Accessories", "Audio"];
    string[] words = ["wireless", "keyboard", "mouse", "monitor", "cable", "stand", "dock", "speaker", "headset", "licence", "backup", "charger", "hub", "lamp", "webcam"];
    string[] tags = ["gift", "eco", "sale", "new", "bundle", "pro"];
    var now = DateTime.UtcNow;
    var categories = new List<Category>();
    foreach (var top in tops)
    {
        var parent = new Category(Guid.CreateVersion7(), top, top.ToLowerInvariant(), null, top + " for the desk.", categories.Count);
        categories.Add(parent);
        for (var i = 0; i < 2; i++)
        {
            categories.Add(new Category(Guid.CreateVersion7(), $"{top} {i + 1}", $"{top.ToLowerInvariant()}-{i + 1}", parent.Id, string.Empty, i));
        }
    }

    using (var scope = host.Services.CreateScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        db.Categories.AddRange(categories);
        await db.SaveChangesAsync();
    }

    for (var start = 0; start < count; start += 500)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        for (var i = start; i < Math.Min(count, start + 500); i++)
        {
            var name = Invariant($"{Cap(words[random.Next(words.Length)])} {Cap(words[random.Next(words.Length)])} {i}");
            var product = new Product(Guid.CreateVersion7(), Invariant($"BENCH-{i:D5}"), name, Invariant($"bench-{i:D5}"),
                $"A **{name}** for the bench: {words[random.Next(words.Length)]} and {words[random.Next(words.Length)]}.",
                random.Next(500, 50_000), "USD", categories[random.Next(categories.Count)].Id, random.Next(10) == 0, now.AddMinutes(-i));
            product.AddDefaultVariant(random.Next(4) == 0 ? 0 : random.Next(1, 200));
            product.ReplaceTags(tags.Where(_ => random.Next(4) == 0));
            product.SetRating(Math.Round(1 + (random.NextDouble() * 4), 1), random.Next(0, 80));
            db.Products.Add(product);
        }

        await db.SaveChangesAsync();
    }
}

static string Cap(string word) => char.ToUpperInvariant(word[0]) + word[1..];

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
