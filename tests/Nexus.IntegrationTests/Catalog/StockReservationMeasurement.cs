using System.Diagnostics;
using System.Globalization;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features.AdjustStock;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>
/// CPU time per stock reservation on the embedded SQLite default, through the real host's pipeline: 1,000 sent one
/// after another and 1,000 sent 32 at a time, after a warm-up; as reference in the same run, 1,000 low-stock threshold
/// changes (an ordinary command that commits through the SQLite group commit). CPU is the process's user+sys from
/// /proc/self/stat (the host runs in this process): steadier than wall-clock on the shared build machine. Prints one
/// line for docs/benchmarks.md; not a BENCH target (Ordering's Bench-Checkout measures the whole checkout).
/// </summary>
[Explicit("A measurement for docs/benchmarks.md")]
[Category("Bench")]
internal sealed class StockReservationMeasurement
{
    private const int Count = 1_000;

    [Test]
    public async Task Cpu_per_reservation_on_sqlite()
    {
        using var host = CatalogAdmin.Host();
        var category = await CatalogAdmin.CategoryAsync(host, "Bench", "bench");
        Guid productId;
        Guid[] variants;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var product = new Product(Guid.CreateVersion7(), "BENCH-RES", "Bench reservations", "bench-res", "", 1000, "USD", category, false, DateTime.UtcNow);
            product.SetOptionNames(["Size"]);
            variants = Enumerable.Range(1, 4).Select(i => product.AddVariant(Guid.CreateVersion7(), $"BENCH-RES-{i}", $"S{i}", null, null, null, 1_000_000).Id).ToArray();
            db.Products.Add(product);
            await db.SaveChangesAsync();
            productId = product.Id;
        }

        var sequence = 0;
        ReserveStock Next() => new($"BENCH-{Interlocked.Increment(ref sequence)}", [new StockRequest(variants[sequence % variants.Length], 1)]);

        var warm = Stopwatch.StartNew();
        while (warm.Elapsed < TimeSpan.FromSeconds(20))
        {
            await SendAsync(host, Next());
        }

        var (sequentialCpu, sequentialWall) = await MeasureAsync(async () =>
        {
            for (var i = 0; i < Count; i++)
            {
                (await SendAsync(host, Next())).Reserved.Should().BeTrue();
            }
        });
        var (concurrentCpu, concurrentWall) = await MeasureAsync(() => Parallel.ForEachAsync(
            Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (_, _) => (await SendAsync(host, Next())).Reserved.Should().BeTrue()));
        var (referenceCpu, referenceWall) = await MeasureAsync(async () =>
        {
            for (var i = 0; i < Count; i++)
            {
                await SendAsync(host, new SetLowStockThreshold(productId, i % 50));
            }
        });

        var load = File.ReadAllText("/proc/loadavg").Split(' ')[..3];
        var line = string.Create(CultureInfo.InvariantCulture,
            $"reservations sqlite sequential_cpu_us_per_op={sequentialCpu * 1e6 / Count:F0} sequential_wall_us_per_op={sequentialWall * 1e6 / Count:F0} " +
            $"concurrent32_cpu_us_per_op={concurrentCpu * 1e6 / Count:F0} concurrent32_wall_us_per_op={concurrentWall * 1e6 / Count:F0} " +
            $"reference_threshold_command_cpu_us_per_op={referenceCpu * 1e6 / Count:F0} reference_wall_us_per_op={referenceWall * 1e6 / Count:F0} " +
            $"load={string.Join('/', load)} cores={Environment.ProcessorCount}");
        await TestContext.Out.WriteLineAsync(line);
        Console.WriteLine(line);
    }

    private static async Task<StockReservationResult> SendAsync(NexusHostFactory host, ReserveStock request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static async Task SendAsync(NexusHostFactory host, SetLowStockThreshold request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static async Task<(double Cpu, double Wall)> MeasureAsync(Func<Task> work)
    {
        var cpu = ProcessCpuSeconds();
        var wall = Stopwatch.StartNew();
        await work();
        return (ProcessCpuSeconds() - cpu, wall.Elapsed.TotalSeconds);
    }

    /// <summary>utime + stime of this process (fields 14 and 15 of /proc/self/stat, in clock ticks of 1/100 s).</summary>
    private static double ProcessCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
