using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Modules.Catalog.Data;

namespace Nexus.Modules.Catalog.Images;

/// <summary>
/// Draws the demo catalog's pictures in the background once the shop has started, so its first visitors do not pay
/// for them: without it, the first view of the front page waits while 24 products' pictures are drawn and encoded
/// (Lighthouse measured it as a slow first paint). It starts after the host is listening (never delays start-up), draws
/// one picture at a time (on a small machine the other cores stay free for requests; a request for a picture not drawn
/// yet still draws it itself, <see cref="DemoImages"/>): the medium size of every product first (what listings show),
/// newest first — the front page's order —, then the large and the small ones. It skips what is drawn already (a
/// restart costs one look per picture) and stops at shutdown.
/// </summary>
internal sealed partial class DemoImagePainter : BackgroundService
{
    private readonly IServiceScopeFactory scopes;
    private readonly DemoImages demo;
    private readonly IHostApplicationLifetime lifetime;
    private readonly IOptions<CatalogOptions> options;
    private readonly ILogger<DemoImagePainter> logger;

    public DemoImagePainter(IServiceScopeFactory scopes, DemoImages demo, IHostApplicationLifetime lifetime, IOptions<CatalogOptions> options, ILogger<DemoImagePainter> logger)
    {
        this.scopes = scopes;
        this.demo = demo;
        this.lifetime = lifetime;
        this.options = options;
        this.logger = logger;
    }

    private readonly TaskCompletionSource finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Completes when the painter has nothing more to do (every picture drawn, switched off, failed or stopped): a
    /// measurement of page speed waits for it, so it measures the shop and not the painting beside it.
    /// </summary>
    internal Task Finished => finished.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PaintAsync(stoppingToken);
        }
        finally
        {
            finished.TrySetResult();
        }
    }

    private async Task PaintAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DrawDemoImagesInBackground)
        {
            return;
        }

        // After start-up (migrations and the seed are done by then): the host listens first, then this begins.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        try
        {
            var keys = await DemoKeysAsync(stoppingToken);
            var cpu = Environment.CpuUsage.TotalTime;
            var drawn = 0;
            // Size by size: every listing's cards (medium) first, then the product pages' pictures, then thumbnails.
            foreach (var size in new[] { CatalogImageSize.Medium, CatalogImageSize.Large, CatalogImageSize.Small })
            {
                foreach (var key in keys)
                {
                    if (!demo.IsStored(key, size) && await demo.TryDrawAsync(key, size, stoppingToken))
                    {
                        drawn++;
                    }
                }
            }

            if (drawn > 0)
            {
                LogDrawn(drawn, keys.Count, (Environment.CpuUsage.TotalTime - cpu).TotalSeconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is not drawn yet is drawn on its first request or on the next start.
        }
        catch (Exception ex) when (ex is DbException or IOException or InvalidOperationException)
        {
            // Pictures are a convenience: a failure here must not stop the shop; requests still draw on demand.
            LogFailed(ex);
        }
    }

    private async Task<List<string>> DemoKeysAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        return await db.Images.AsNoTracking()
            .Where(i => i.Key.StartsWith(DemoImages.KeyPrefix))
            .Join(db.Products, i => i.ProductId, p => p.Id, (i, p) => new { i.Key, p.CreatedAt })
            .OrderByDescending(x => x.CreatedAt).ThenBy(x => x.Key)
            .Select(x => x.Key)
            .ToListAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Drew the demo catalog's pictures in the background: {Drawn} pictures of {Total} products were missing ({CpuSeconds:0.0} s CPU, all threads)")]
    private partial void LogDrawn(int drawn, int total, double cpuSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Drawing the demo catalog's pictures in the background failed; they are drawn on first request instead")]
    private partial void LogFailed(Exception exception);
}
