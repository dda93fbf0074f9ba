using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Persistence;

namespace Nexus.Modules.Catalog.Features;

/// <summary>
/// The listed catalog held in memory, and the search results of recent queries, until the catalog changes. Every
/// change to the catalog reaches <see cref="Invalidate"/>: at once on the instance that saved it (a save of the
/// catalog's context, <see cref="CatalogChangeSignal"/>), and on every other instance through the fan-out the signal
/// and the catalog's integration-event handler broadcast. <see cref="MaxAge"/> bounds staleness if a broadcast is
/// ever missed (Redis down while an admin edits). A snapshot loaded while a change lands is stamped with the
/// generation read before loading, so it is already stale and the next request loads again.
/// </summary>
internal sealed class CatalogSnapshotCache
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private const int MaxCachedSearches = 1000;

    private readonly SemaphoreSlim loading = new(1, 1);
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, Dictionary<Guid, double>> searches = new(StringComparer.Ordinal);
    private long generation;
    private CatalogSnapshot? current;
    private DateTimeOffset loadedAt;

    public CatalogSnapshotCache(TimeProvider clock) => this.clock = clock;

    /// <summary>How many times the snapshot was loaded from the database (tests and diagnostics).</summary>
    public int Loads { get; private set; }

    public void Invalidate()
    {
        Interlocked.Increment(ref generation);
        searches.Clear();
    }

    /// <summary>The snapshot if it is current (loaded, unchanged since, and younger than <see cref="MaxAge"/>); null when it must be loaded.</summary>
    public CatalogSnapshot? Current
    {
        get
        {
            var snapshot = current;
            return snapshot is not null && snapshot.Generation == Interlocked.Read(ref generation) && clock.GetUtcNow() - loadedAt < MaxAge
                ? snapshot
                : null;
        }
    }

    public async ValueTask<CatalogSnapshot> GetAsync(CatalogDbContext db, CancellationToken cancellationToken)
    {
        if (Current is { } fresh)
        {
            return fresh;
        }

        await loading.WaitAsync(cancellationToken);
        try
        {
            var snapshot = current;
            var wanted = Interlocked.Read(ref generation);
            if (snapshot is not null && snapshot.Generation == wanted && clock.GetUtcNow() - loadedAt < MaxAge)
            {
                return snapshot;
            }

            snapshot = await LoadAsync(db, wanted, cancellationToken);
            current = snapshot;
            loadedAt = clock.GetUtcNow();
            Loads++;
            return snapshot;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>The search's matches, from the cache when the same terms were searched since the last change.</summary>
    public async Task<IReadOnlyDictionary<Guid, double>> SearchAsync(CatalogDbContext db, long snapshotGeneration, IReadOnlyList<string> terms, CancellationToken cancellationToken)
    {
        var key = snapshotGeneration + ":" + string.Join(' ', terms);
        if (searches.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var found = await CatalogSearch.FindAsync(db, terms, cancellationToken);
        if (snapshotGeneration == Interlocked.Read(ref generation))
        {
            if (searches.Count >= MaxCachedSearches)
            {
                searches.Clear(); // crude but bounded: a flood of distinct queries cannot grow memory
            }

            searches[key] = found;
        }

        return found;
    }

    private static async Task<CatalogSnapshot> LoadAsync(CatalogDbContext db, long generation, CancellationToken cancellationToken)
    {
        await using var connection = await db.KeepOpenAsync(cancellationToken);
        var categories = await db.Categories.AsNoTracking()
            .Select(c => new ListedCategory(c.Id, c.ParentId, c.Name, c.Slug, c.Description, c.SortOrder))
            .ToListAsync(cancellationToken);
        var rows = await db.Products.AsNoTracking().Listed()
            .Select(p => new
            {
                p.Id, p.Name, p.Slug, p.Summary, p.PriceMinor, p.CompareAtPriceMinor, p.Currency, p.CategoryId, p.IsDigital,
                p.StockOnHand, p.RatingAverage, p.RatingCount, p.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        var tags = (await db.Set<ProductTag>().AsNoTracking()
                .Where(t => db.Products.Listed().Any(p => p.Id == t.ProductId))
                .Select(t => new { t.ProductId, t.Tag })
                .ToListAsync(cancellationToken))
            .GroupBy(t => t.ProductId)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(t => t.Tag).Order(StringComparer.Ordinal).ToList());
        var images = (await db.Set<ProductImage>().AsNoTracking()
                .Where(i => i.IsPrimary && db.Products.Listed().Any(p => p.Id == i.ProductId))
                .Select(i => new { i.ProductId, i.Key, i.AltText, i.Width, i.Height })
                .ToListAsync(cancellationToken))
            .GroupBy(i => i.ProductId)
            .ToDictionary(g => g.Key, g => g.First());
        var products = rows.Select(p => new ListedProduct(
                p.Id, p.Name, p.Slug, p.Summary, p.PriceMinor, p.CompareAtPriceMinor, p.Currency, p.CategoryId, p.IsDigital,
                p.StockOnHand, p.RatingAverage, p.RatingCount, p.CreatedAt,
                tags.GetValueOrDefault(p.Id) ?? [],
                images.TryGetValue(p.Id, out var image) ? new ListedImage(image.Key, image.AltText, image.Width, image.Height) : null))
            .ToList();
        return new CatalogSnapshot(products, categories, generation);
    }
}
