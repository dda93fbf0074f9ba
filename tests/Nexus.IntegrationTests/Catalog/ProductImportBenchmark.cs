using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>
/// 50,000 rows through the real import: upload through the page, the Hangfire job's two passes, progress polled like
/// the page does, on the embedded SQLite default and on PostgreSQL. Measures upload-to-finished time and each pass's
/// share, the process's CPU time over the import (user+sys from /proc/self/stat: the host runs in this process, so it
/// includes the polling clients; on a shared machine it is the steadier figure), the managed heap while it runs (flat
/// memory: it must not grow with the file), and the slowest storefront request (<c>/</c>) served during the import
/// (the shop must stay usable while the apply pass holds SQLite's writer) and the slowest of a small write made every
/// 500 ms meanwhile (how long other writers wait for the import's transaction). Run by the Bench-CatalogImport target;
/// writes its BENCH line to NEXUS_BENCH_OUT (PostgreSQL: the same path with <c>.postgres</c> appended).
/// </summary>
[Explicit("A benchmark: run by the Bench-CatalogImport target")]
[Category("Bench")]
internal sealed class ProductImportBenchmark
{
    private const int Rows = 50_000;

    [Test]
    public async Task Fifty_thousand_rows_import_on_sqlite()
    {
        using var host = CatalogAdmin.Host(jobs: true);
        await MeasureAsync(host, "sqlite", Environment.GetEnvironmentVariable("NEXUS_BENCH_OUT"));
    }

    [Test]
    public async Task Fifty_thousand_rows_import_on_postgres()
    {
        using var host = await CatalogAdmin.HostOnPostgresAsync(jobs: true);
        await MeasureAsync(host, "postgres", Environment.GetEnvironmentVariable("NEXUS_BENCH_OUT") is { Length: > 0 } output ? output + ".postgres" : null);
    }

    private static async Task MeasureAsync(NexusHostFactory host, string database, string? output)
    {
        using var admin = host.CreateClientAs("bench-admin", NexusRoles.Admin);
        using var shopper = host.CreateClient();
        var parent = await CatalogAdmin.CategoryAsync(host, "Computers", "computers");
        await CatalogAdmin.CategoryAsync(host, "Laptops", "laptops", parent);
        await CatalogAdmin.CategoryAsync(host, "Books", "books");
        var csv = Generate(Rows);
        (await shopper.GetAsync("/")).EnsureSuccessStatusCode(); // the storefront is warm before the import

        var cpuBefore = ProcessCpuSeconds();
        var total = Stopwatch.StartNew();
        var response = await admin.PostMultipartAsync("/admin/catalog/import", new Dictionary<string, string>(), [("file", "bench.csv", csv, "text/csv")]);
        response.ShouldRedirect();
        var status = response.Headers.Location + "?handler=Status";

        // A shopper browsing while the import runs: the slowest page they got.
        using var importDone = new CancellationTokenSource();
        var storefront = BrowseAsync(shopper, total, importDone.Token);
        var writes = WriteAsync(host, importDone.Token);

        var peakHeap = 0L;
        var percents = new SortedSet<int>();
        TimeSpan? applyStarted = null;
        var stillImporting = TimeSpan.Zero;
        JsonElement last = default;
        await Eventually.TrueAsync(
            async () =>
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                last = JsonDocument.Parse(await admin.GetStringAsync(status)).RootElement.Clone();
                percents.Add(last.GetProperty("percent").GetInt32());
                var observed = total.Elapsed;
                if (last.GetProperty("state").GetString() == "Importing")
                {
                    applyStarted ??= observed;
                    stillImporting = observed;
                }

                return last.GetProperty("finished").GetBoolean();
            },
            TimeSpan.FromMinutes(10),
            "the import finishes");
        total.Stop();
        var cpu = ProcessCpuSeconds() - cpuBefore;
        await importDone.CancelAsync();
        var pages = await storefront;
        // Requests that started while the import was surely still running (the last poll that saw it importing); the
        // first request after it reloads the listing snapshot, now 50,000 products larger: measured on its own.
        var during = pages.Where(p => p.Started <= stillImporting).ToList();
        var slowest = during.Count == 0 ? 0 : during.Max(p => p.Milliseconds);
        var after = Stopwatch.StartNew();
        (await shopper.GetAsync("/")).EnsureSuccessStatusCode();
        var firstAfter = after.Elapsed.TotalMilliseconds;
        var (writeCount, slowestWrite) = await writes;

        last.GetProperty("state").GetString().Should().Be("Completed", last.GetProperty("description").GetString());
        (await CatalogAdmin.ReadAsync(host, db => db.Products.CountAsync())).Should().Be(Rows);
        (await CatalogAdmin.ReadAsync(host, db => db.SearchDocuments.CountAsync())).Should().Be(Rows, "every imported product is searchable");
        percents.Count.Should().BeGreaterThan(3, "the progress moved in steps the page could show");
        var seconds = total.Elapsed.TotalSeconds;
        var apply = applyStarted is { } started ? (total.Elapsed - started).TotalSeconds : double.NaN;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"BENCH catalog-import rows={Rows} file_mb={csv.Length / 1_048_576.0:F1} seconds={seconds:F1} rows_per_s={Rows / seconds:F0} validate_s={seconds - apply:F1} apply_s={apply:F1} cpu_s={cpu:F1} cpu_us_per_row={cpu * 1e6 / Rows:F0} peak_heap_mb={peakHeap / 1_048_576.0:F0} progress_steps={percents.Count} storefront_requests={during.Count} storefront_max_ms={slowest:F0} storefront_after_ms={firstAfter:F0} writes={writeCount} write_max_ms={slowestWrite:F0} db={database}");
        TestContext.Out.WriteLine(line);
        foreach (var (slowStart, milliseconds) in pages.Where(p => p.Milliseconds > 500))
        {
            // When the slow storefront requests happened, against the passes (the apply pass started at applyStarted).
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slow storefront request: started {slowStart.TotalSeconds:F1} s after the upload (apply from {applyStarted?.TotalSeconds:F1} s, last seen importing {stillImporting.TotalSeconds:F1} s, finished {seconds:F1} s), {milliseconds:F0} ms"));
        }

        if (output is { Length: > 0 })
        {
            await File.WriteAllLinesAsync(output, [line, $"- load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}"]);
        }
    }

    /// <summary>Requests the front page every 200 ms until told to stop; returns when each started and how long it took.</summary>
    private static async Task<List<(TimeSpan Started, double Milliseconds)>> BrowseAsync(HttpClient shopper, Stopwatch clock, CancellationToken stop)
    {
        var pages = new List<(TimeSpan Started, double Milliseconds)>();
        while (!stop.IsCancellationRequested)
        {
            var started = clock.Elapsed;
            var watch = Stopwatch.StartNew();
            (await shopper.GetAsync("/", CancellationToken.None)).EnsureSuccessStatusCode();
            pages.Add((started, watch.Elapsed.TotalMilliseconds));
            try
            {
                await Task.Delay(200, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return pages;
    }

    /// <summary>
    /// Another write to the same database every 500 ms while the import runs: how long the slowest waited shows how long
    /// the import keeps other writers out. A row in a table of the benchmark's own, not a catalog change — that would
    /// empty the storefront's cache every time, and the storefront figure would measure reloading it.
    /// </summary>
    private static async Task<(int Writes, double SlowestMs)> WriteAsync(NexusHostFactory host, CancellationToken stop)
    {
        await CatalogAdmin.ReadAsync(host, db => db.Database.ExecuteSqlRawAsync("CREATE TABLE IF NOT EXISTS bench_write_probe (n integer)"));
        var writes = 0;
        var slowest = 0.0;
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            await CatalogAdmin.ReadAsync(host, db => db.Database.ExecuteSqlRawAsync("INSERT INTO bench_write_probe (n) VALUES (1)"));
            slowest = Math.Max(slowest, watch.Elapsed.TotalMilliseconds);
            writes++;
            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (writes, slowest);
    }

    /// <summary>This process's user+sys CPU time, from /proc/self/stat (fields 14 and 15, in clock ticks of 1/100 s).</summary>
    private static double ProcessCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After "pid (comm) ", field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Deterministic rows in every column the import reads, quoted fields and tags included.</summary>
    internal static byte[] Generate(int rows)
    {
        var csv = new StringBuilder(rows * 200);
        csv.Append("sku,name,category,price,compare_at_price,stock,published,digital,tags,summary,description\r\n");
        for (var i = 0; i < rows; i++)
        {
            var category = (i % 3) switch { 0 => "computers/laptops", 1 => "books", _ => "computers" };
            csv.Append(CultureInfo.InvariantCulture, $"BENCH-{i:D6},\"Product {i}, model {i % 97}\",{category},{10 + (i % 500)}.{i % 100:D2},,{i % 40},true,false,tag{i % 20}|bench,Summary of product {i},\"Line one.\nLine two of {i}.\"\r\n");
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
