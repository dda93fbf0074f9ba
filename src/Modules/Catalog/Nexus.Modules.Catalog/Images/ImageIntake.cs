using SkiaSharp;

namespace Nexus.Modules.Catalog.Images;

/// <summary>
/// Turns an uploaded file into the catalog's three WebP renditions (160, 480 and 1200 px wide), or says clearly why
/// it cannot. Nothing here trusts the file name or the Content-Type the browser sent: the type comes from the first
/// bytes, the size is counted while the upload is read (reading stops at the limit), and the picture's dimensions are
/// read from its header before a single pixel is decoded, so a small file that would expand to gigabytes (a
/// "decompression bomb") is refused at the cost of reading a few bytes.
/// </summary>
internal static class ImageIntake
{
    private const int WebPQuality = 82;

    /// <summary>Reads, checks, decodes (first frame of an animation), turns upright and re-encodes an upload.</summary>
    /// <param name="upload">The uploaded bytes; read once, never seeked.</param>
    /// <param name="limits">Size and pixel limits.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    public static async Task<ImageIntakeResult> ProcessAsync(Stream upload, ImageLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(limits);
        var bytes = await ReadBoundedAsync(upload, limits.MaxBytes, cancellationToken);
        if (bytes is null)
        {
            return ImageIntakeResult.Refused($"The file is larger than {limits.MaxBytes / (1024 * 1024)} MB.");
        }

        if (bytes.Length == 0)
        {
            return ImageIntakeResult.Refused("The file is empty.");
        }

        if (Detect(bytes) is not { } format)
        {
            return ImageIntakeResult.Refused("The file is not a JPEG, PNG, WebP or GIF image.");
        }

        return Decode(bytes, format, limits);
    }

    /// <summary>The image format from the file's signature (magic bytes), or null when it is none we accept.</summary>
    internal static ImageFormat? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        return null;
    }

    // Counts while it reads and gives up one byte past the limit, so a 2 GB upload costs at most the limit in memory.
    private static async Task<byte[]?> ReadBoundedAsync(Stream upload, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await upload.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static ImageIntakeResult Decode(byte[] bytes, ImageFormat format, ImageLimits limits)
    {
        using var data = SKData.CreateCopy(bytes);
        // SKCodec.Create parses the header only; no pixel memory is allocated yet.
        using var codec = SKCodec.Create(data);
        if (codec is null)
        {
            return ImageIntakeResult.Refused($"The file starts like a {format} image but cannot be read; it may be damaged or truncated.");
        }

        var width = codec.Info.Width;
        var height = codec.Info.Height;
        if (width <= 0 || height <= 0)
        {
            return ImageIntakeResult.Refused("The image has no pixels.");
        }

        if ((long)width * height > limits.MaxPixels)
        {
            return ImageIntakeResult.Refused(
                $"The image is {width:N0} × {height:N0} pixels; the limit is {limits.MaxPixels / 1_000_000:N0} megapixels.");
        }

        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var decoded = new SKBitmap(info);
        // Frame 0 only: an animated GIF or WebP becomes its first picture.
        var result = codec.GetPixels(info, decoded.GetPixels(), new SKCodecOptions(0));
        if (result is not SKCodecResult.Success)
        {
            // IncompleteInput would show a half-grey picture in the shop; a clear refusal is better.
            return ImageIntakeResult.Refused("The image is damaged or truncated and cannot be decoded completely.");
        }

        using var upright = Orient(decoded, codec.EncodedOrigin);
        var renditions = new Dictionary<CatalogImageSize, byte[]>();
        foreach (var size in CatalogImageSizes.All)
        {
            renditions[size] = EncodeWebP(upright, size.Width());
        }

        return ImageIntakeResult.Accepted(new ProcessedImage(format, upright.Width, upright.Height, renditions));
    }

    // Phones store pictures sideways and say so in EXIF; the shop shows them the way the camera was held.
    private static SKBitmap Orient(SKBitmap source, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft)
        {
            return source.Copy();
        }

        var swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var width = swap ? source.Height : source.Width;
        var height = swap ? source.Width : source.Height;
        var target = new SKBitmap(new SKImageInfo(width, height, source.ColorType, source.AlphaType));
        using var canvas = new SKCanvas(target);
        canvas.SetMatrix(OriginMatrix(origin, source.Width, source.Height));
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Nearest));
        canvas.Flush();
        return target;
    }

    // Maps the stored pixels (w × h) onto the upright canvas, per the EXIF orientation values 2–8.
    private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    // Never enlarges: a 300 px picture stays 300 px in every rendition rather than turning blurry.
    private static byte[] EncodeWebP(SKBitmap upright, int targetWidth)
    {
        var width = Math.Min(targetWidth, upright.Width);
        var height = Math.Max(1, (int)Math.Round(upright.Height * (width / (double)upright.Width)));
        using var resized = width == upright.Width
            ? upright.Copy()
            : upright.Resize(new SKImageInfo(width, height, upright.ColorType, upright.AlphaType), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var image = SKImage.FromBitmap(resized);
        using var encoded = image.Encode(SKEncodedImageFormat.Webp, WebPQuality);
        return encoded.ToArray();
    }
}

/// <summary>The formats an upload may be in (decided by content).</summary>
internal enum ImageFormat
{
    Jpeg,
    Png,
    Gif,
    WebP,
}

/// <summary>Upload limits: bytes counted while reading, pixels read from the header before decoding.</summary>
internal sealed record ImageLimits(long MaxBytes = 10 * 1024 * 1024, long MaxPixels = 40_000_000);

/// <summary>An upright picture and its WebP renditions in the catalog's three sizes.</summary>
internal sealed record ProcessedImage(ImageFormat SourceFormat, int Width, int Height, IReadOnlyDictionary<CatalogImageSize, byte[]> Renditions);

/// <summary>Either a processed image or the message an admin sees beside the upload field.</summary>
internal sealed record ImageIntakeResult(ProcessedImage? Image, string? Error)
{
    public static ImageIntakeResult Accepted(ProcessedImage image) => new(image, null);

    public static ImageIntakeResult Refused(string error) => new(null, error);
}
