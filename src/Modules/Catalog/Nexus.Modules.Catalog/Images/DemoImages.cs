using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;

namespace Nexus.Modules.Catalog.Images;

/// <summary>
/// The demo catalog's pictures are not drawn at seeding: drawing and encoding 500 products in three sizes costs tens
/// of seconds of CPU, which no start-up should pay. <see cref="DemoImagePainter"/> draws them in the background once
/// the shop has started; a request for one not drawn yet draws it itself. One size at a time: the large WebP costs
/// several times the medium one to encode, and a listing only needs the medium, so a first visitor never waits for
/// sizes the page does not show. Only keys the seed gave out (<see cref="KeyPrefix"/>, with an image row naming them)
/// are drawn; any other missing key stays a 404.
/// </summary>
internal sealed class DemoImages
{
    public const string KeyPrefix = "demo-";

    // Drawing is CPU work: never more at once than there are cores, however many cards a page asks for.
    private readonly SemaphoreSlim drawing = new(Math.Max(1, Environment.ProcessorCount));
    private readonly IServiceScopeFactory scopes;
    private readonly ICatalogImageStore store;

    public DemoImages(IServiceScopeFactory scopes, ICatalogImageStore store)
    {
        this.scopes = scopes;
        this.store = store;
    }

    public static string KeyFor(string sku) => KeyPrefix + Domain.Slug.From(sku);

    /// <summary>
    /// Draws and stores <paramref name="size"/> of <paramref name="key"/> if it is a demo image not drawn in that size
    /// yet; true when it is stored (drawn now or before), false if it is not a demo image.
    /// </summary>
    public async Task<bool> TryDrawAsync(string key, CatalogImageSize size, CancellationToken cancellationToken)
    {
        if (!key.StartsWith(KeyPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var product = await db.Images.AsNoTracking()
            .Where(i => i.Key == key)
            .Join(db.Products, i => i.ProductId, p => p.Id, (i, p) => new { p.Sku, p.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (product is null)
        {
            return false;
        }

        await drawing.WaitAsync(cancellationToken);
        try
        {
            // Another request (or the painter) may have drawn it while this one waited.
            if (IsStored(key, size))
            {
                return true;
            }

            using var image = DemoImageRenderer.Render(product.Sku, product.Name);
            var (webp, _, _) = CatalogImageEncoder.Encode(image, size);
            await store.PutAsync(key, size, webp, cancellationToken);
            return true;
        }
        finally
        {
            drawing.Release();
        }
    }

    /// <summary>Whether <paramref name="size"/> of <paramref name="key"/> is stored already.</summary>
    public bool IsStored(string key, CatalogImageSize size)
    {
        using var existing = store.Open(key, size);
        return existing is not null;
    }
}
