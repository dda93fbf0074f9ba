using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Data;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog.Seeding;

/// <summary>
/// Fills an empty catalog with the demo shop (<see cref="DemoCatalog"/>): once, in one transaction, on the first start
/// of a fresh data folder. Later starts cost one indexed "any category?" query. Rows are built with the domain's own
/// constructors and methods, so they obey its rules, and added in bulk rather than command by command (500 commands
/// would be 500 commits); seeding is not a business event, so it publishes none. Pictures are drawn on first request
/// (<see cref="Images.DemoImages"/>), not here.
/// </summary>
internal sealed partial class CatalogDemoSeeder : IModuleSeeder
{
    private readonly CatalogDbContext db;
    private readonly IOptions<CatalogOptions> options;
    private readonly ILogger<CatalogDemoSeeder> logger;

    public CatalogDemoSeeder(CatalogDbContext db, IOptions<CatalogOptions> options, ILogger<CatalogDemoSeeder> logger)
    {
        this.db = db;
        this.options = options;
        this.logger = logger;
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Categories.AnyAsync(cancellationToken))
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var cpu = Environment.CpuUsage.TotalTime;
        var demo = DemoCatalog.Build(options.Value.Currency);
        db.Categories.AddRange(demo.Categories);
        db.Products.AddRange(demo.Products);
        db.Reviews.AddRange(demo.Reviews);
        db.Purchases.AddRange(demo.Purchases);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        // CPU time as well as wall time: on a busy machine the wall time says more about the neighbours than the seed.
        LogSeeded(demo.Products.Count, demo.Categories.Count, demo.Reviews.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (Environment.CpuUsage.TotalTime - cpu).TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the demo catalog: {Products} products in {Categories} categories, {Reviews} reviews, in {ElapsedMs:0} ms ({CpuMs:0} ms CPU, all threads)")]
    private partial void LogSeeded(int products, int categories, int reviews, double elapsedMs, double cpuMs);
}
