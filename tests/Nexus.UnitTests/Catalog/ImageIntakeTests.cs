using Nexus.Modules.Catalog.Images;
using SkiaSharp;

namespace Nexus.UnitTests.Catalog;

/// <summary>Uploads are judged by their bytes: hostile files are refused with a clear reason, good ones re-encoded.</summary>
internal sealed class ImageIntakeTests
{
    private static readonly ImageLimits Limits = new();

    [TestCase(SKEncodedImageFormat.Png, ImageFormat.Png)]
    [TestCase(SKEncodedImageFormat.Jpeg, ImageFormat.Jpeg)]
    [TestCase(SKEncodedImageFormat.Webp, ImageFormat.WebP)]
    public async Task A_good_picture_becomes_three_webp_renditions(SKEncodedImageFormat encoded, ImageFormat expected)
    {
        var result = await ProcessAsync(TestImages.Encode(2400, 1200, encoded));

        result.Error.Should().BeNull();
        result.Image!.SourceFormat.Should().Be(expected);
        (result.Image.Width, result.Image.Height).Should().Be((2400, 1200));
        foreach (var size in CatalogImageSizes.All)
        {
            var (suffix, width) = (size, size.Width());
            var bytes = result.Image.Renditions[size];
            ImageIntake.Detect(bytes).Should().Be(ImageFormat.WebP);
            using var codec = SKCodec.Create(SKData.CreateCopy(bytes));
            (codec.Info.Width, codec.Info.Height).Should().Be((width, width / 2), $"rendition {suffix}");
        }
    }

    [Test]
    public async Task A_gif_becomes_its_first_frame_and_a_small_picture_is_not_enlarged()
    {
        var result = await ProcessAsync(TestImages.Gif);

        result.Error.Should().BeNull();
        result.Image!.SourceFormat.Should().Be(ImageFormat.Gif);
        using var codec = SKCodec.Create(SKData.CreateCopy(result.Image.Renditions[CatalogImageSize.Large]));
        (codec.Info.Width, codec.Info.Height).Should().Be((1, 1));
    }

    [Test]
    public async Task The_exif_orientation_is_applied_so_a_sideways_phone_picture_stands_upright()
    {
        var result = await ProcessAsync(TestImages.JpegWithOrientation6(400, 200));

        result.Error.Should().BeNull();
        (result.Image!.Width, result.Image.Height).Should().Be((200, 400));
        using var codec = SKCodec.Create(SKData.CreateCopy(result.Image.Renditions[CatalogImageSize.Medium]));
        (codec.Info.Width, codec.Info.Height).Should().Be((200, 400));
    }

    [Test]
    public async Task A_text_file_named_like_a_jpeg_is_refused_by_its_content()
    {
        var result = await ProcessAsync("<html><script>alert(1)</script></html>"u8.ToArray());

        result.Image.Should().BeNull();
        result.Error.Should().Be("The file is not a JPEG, PNG, WebP or GIF image.");
    }

    [Test]
    public async Task A_truncated_jpeg_is_refused()
    {
        var jpeg = TestImages.Encode(800, 600, SKEncodedImageFormat.Jpeg);

        var result = await ProcessAsync(jpeg[..(jpeg.Length / 2)]);

        result.Image.Should().BeNull();
        result.Error.Should().Contain("damaged or truncated");
    }

    [Test]
    public async Task A_header_only_png_is_refused()
    {
        var png = TestImages.Encode(100, 100, SKEncodedImageFormat.Png);

        var result = await ProcessAsync(png[..20]);

        result.Image.Should().BeNull();
        result.Error.Should().Contain("damaged or truncated");
    }

    [Test]
    public async Task An_upload_over_the_size_limit_is_refused_while_it_is_read()
    {
        using var endless = new EndlessStream([0xFF, 0xD8, 0xFF, 0xE0]);

        var result = await ImageIntake.ProcessAsync(endless, Limits, CancellationToken.None);

        result.Image.Should().BeNull();
        result.Error.Should().Be("The file is larger than 10 MB.");
        endless.Served.Should().BeLessThan(Limits.MaxBytes + 200_000, "reading stops at the limit");
    }

    [Test]
    public async Task A_20000_by_20000_png_bomb_is_refused_from_its_header_before_decoding()
    {
        var bomb = TestImages.PngBomb();
        ((long)bomb.Length).Should().BeLessThan(Limits.MaxBytes, "the bomb is small on disk; only its pixel count gives it away");
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var result = await ProcessAsync(bomb);

        result.Image.Should().BeNull();
        result.Error.Should().Be("The image is 20,000 × 20,000 pixels; the limit is 40 megapixels.");
        (GC.GetTotalAllocatedBytes(precise: true) - before).Should().BeLessThan(64L * 1024 * 1024, "no pixel buffer was allocated");
    }

    private static Task<ImageIntakeResult> ProcessAsync(byte[] bytes) =>
        ImageIntake.ProcessAsync(new MemoryStream(bytes), Limits, CancellationToken.None);
}
