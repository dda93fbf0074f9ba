using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>
/// 50,000 rows through the real import on the embedded SQLite default: upload through the page, the Hangfire job's
/// two passes, progress polled like the page does. Measures upload-to-finished time, the rows per second and the
/// process's managed heap at the end of each pass (flat memory: it must not grow with the file). Run by the
/// Bench-CatalogImport target; writes its BENCH line to NEXUS_BENCH_OUT.
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
        using var admin = host.CreateClientAs("bench-admin", NexusRoles.Admin);
        var parent = await CatalogAdmin.CategoryAsync(host, "Computers", "computers");
        await CatalogAdmin.CategoryAsync(host, "Laptops", "laptops", parent);
        await CatalogAdmin.CategoryAsync(host, "Books", "books");
        var csv = Generate(Rows);

        var total = Stopwatch.StartNew();
        var response = await admin.PostMultipartAsync("/admin/catalog/import", new Dictionary<string, string>(), [("file", "bench.csv", csv, "text/csv")]);
        response.ShouldRedirect();
        var status = response.Headers.Location + "?handler=Status";
        var peakHeap = 0L;
        var percents = new SortedSet<int>();
        JsonElement last = default;
        await Eventually.TrueAsync(
            async () =>
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                last = JsonDocument.Parse(await admin.GetStringAsync(status)).RootElement.Clone();
                percents.Add(last.GetProperty("percent").GetInt32());
                return last.GetProperty("finished").GetBoolean();
            },
            TimeSpan.FromMinutes(10),
            "the import finishes");
        total.Stop();

        last.GetProperty("state").GetString().Should().Be("Completed", last.GetProperty("description").GetString());
        (await CatalogAdmin.ReadAsync(host, db => db.Products.CountAsync())).Should().Be(Rows);
        percents.Count.Should().BeGreaterThan(3, "the progress moved in steps the page could show");
        var seconds = total.Elapsed.TotalSeconds;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"BENCH catalog-import rows={Rows} file_mb={csv.Length / 1_048_576.0:F1} seconds={seconds:F1} rows_per_s={Rows / seconds:F0} peak_heap_mb={peakHeap / 1_048_576.0:F0} progress_steps={percents.Count} db=sqlite");
        TestContext.Out.WriteLine(line);
        if (Environment.GetEnvironmentVariable("NEXUS_BENCH_OUT") is { Length: > 0 } output)
        {
            await File.WriteAllLinesAsync(output, [line, $"- load average at the end: {File.ReadAllText("/proc/loadavg").Trim()}"]);
        }
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
