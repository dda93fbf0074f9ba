using SkiaSharp;

namespace Nexus.Modules.Catalog.Images;

/// <summary>
/// Turns one decoded picture into the store's three WebP sizes (160/480/1200 px wide, height by the picture's aspect
/// ratio, never enlarged beyond the source's width). The upload pipeline and the demo images share it.
/// </summary>
internal static class CatalogImageEncoder
{
    public const int WebpQuality = 80;

    /// <summary>Encodes and stores every size; returns the largest size's width and height.</summary>
    public static async Task<(int Width, int Height)> PutAllSizesAsync(ICatalogImageStore store, string key, SKImage source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(source);
        var largest = (Width: 0, Height: 0);
        foreach (var size in CatalogImageSizes.All)
        {
            var (bytes, width, height) = Encode(source, size);
            await store.PutAsync(key, size, bytes, cancellationToken);
            if (size == CatalogImageSize.Large)
            {
                largest = (width, height);
            }
        }

        return largest;
    }

    public static (byte[] Webp, int Width, int Height) Encode(SKImage source, CatalogImageSize size)
    {
        ArgumentNullException.ThrowIfNull(source);
        var width = Math.Min(size.Width(), source.Width);
        var height = Math.Max(1, (int)Math.Round(source.Height * (width / (double)source.Width)));
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawImage(source, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Webp, WebpQuality);
        return (data.ToArray(), width, height);
    }
}
