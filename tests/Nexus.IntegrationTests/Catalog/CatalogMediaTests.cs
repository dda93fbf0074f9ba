using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Images;
using Nexus.Testing.Hosting;
using SkiaSharp;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>Catalog images at <c>/media/catalog/{key}-{s|m|l}.webp</c>: WebP, cached a year, nothing else reachable.</summary>
internal sealed class CatalogMediaTests
{
    private NexusHostFactory host = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory();
        client = host.CreateClient(new() { AllowAutoRedirect = false });
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        client.Dispose();
        host.Dispose();
    }

    [TestCase("s", 160)]
    [TestCase("m", 480)]
    [TestCase("l", 1200)]
    public async Task A_demo_picture_is_drawn_on_first_request_and_served_as_immutable_webp(string size, int width)
    {
        var response = await client.GetAsync($"/media/catalog/demo-hw-keyb-01-{size}.webp");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");
        response.Headers.CacheControl!.ToString().Should().Be("public, max-age=31536000, immutable");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 8, 4).Should().Be("WEBP");
        using var bitmap = SKBitmap.Decode(bytes);
        (bitmap.Width, bitmap.Height).Should().Be((width, width));
        File.Exists(Path.Combine(host.DataPath, "catalog-images", "de", $"demo-hw-keyb-01-{size}.webp")).Should().BeTrue("it is drawn once and then stored");
    }

    [Test]
    public async Task A_shop_draws_its_demo_pictures_in_the_background_after_start_up_without_a_request()
    {
        // The test kit turns the painter off for its many hosts; a shop runs it.
        using var shop = new NexusHostFactory(new Dictionary<string, string?> { ["Modules:Catalog:DrawDemoImagesInBackground"] = "true" });
        shop.StartKestrel();
        var folder = Path.Combine(shop.DataPath, "catalog-images", "de");

        // Medium first (every listing's cards), newest product first: the front page's first card is among the first.
        await Eventually.TrueAsync(
            () => Task.FromResult(File.Exists(Path.Combine(folder, "demo-hw-keyb-01-m.webp"))),
            TimeSpan.FromSeconds(60),
            "the painter draws the front page's pictures without anyone asking for them");
        using var bitmap = SKBitmap.Decode(await File.ReadAllBytesAsync(Path.Combine(folder, "demo-hw-keyb-01-m.webp")));
        (bitmap.Width, bitmap.Height).Should().Be((480, 480));
    }

    [Test]
    public async Task A_demo_picture_is_the_same_bytes_every_time()
    {
        var first = DemoImageRenderer.Render("HW-KEYB-01", "Mechanical Keyboard K2");
        var second = DemoImageRenderer.Render("HW-KEYB-01", "Mechanical Keyboard K2");
        CatalogImageEncoder.Encode(first, CatalogImageSize.Medium).Webp.Should().Equal(CatalogImageEncoder.Encode(second, CatalogImageSize.Medium).Webp);
        first.Dispose();
        second.Dispose();
        DemoImageRenderer.Initials("Trail Runner 2").Should().Be("TR");
        DemoImageRenderer.Initials("27\" 4K Monitor").Should().Be("24");
        await Task.CompletedTask;
    }

    [Test]
    public async Task A_stored_image_is_served_and_a_deleted_one_is_gone()
    {
        var store = host.Service<ICatalogImageStore>();
        var key = CatalogImageKey.New();
        using (var image = DemoImageRenderer.Render("UP-LOAD-01", "Uploaded Picture"))
        {
            (await CatalogImageEncoder.PutAllSizesAsync(store, key, image, CancellationToken.None)).Should().Be((1200, 1200));
        }

        (await client.GetAsync(CatalogImageKey.Url(key, CatalogImageSize.Small))).StatusCode.Should().Be(HttpStatusCode.OK);
        store.Delete(key);
        (await client.GetAsync(CatalogImageKey.Url(key, CatalogImageSize.Small))).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [TestCase("/media/catalog/demo-no-such-sku-s.webp")]
    [TestCase("/media/catalog/0123456789abcdef-m.webp")]
    [TestCase("/media/catalog/demo-hw-keyb-01-x.webp")]
    [TestCase("/media/catalog/demo-hw-keyb-01-s.png")]
    [TestCase("/media/catalog/demo-hw-keyb-01-s.webp.tmp")]
    [TestCase("/media/catalog/DEMO-HW-KEYB-01-s.webp")]
    [TestCase("/media/catalog/..%2F..%2Fnexus.db")]
    [TestCase("/media/catalog/..%2Fcatalog-images%2Fde%2Fdemo-hw-keyb-01-s.webp")]
    [TestCase("/media/catalog/%2e%2e-s.webp")]
    [TestCase("/media/catalog/..%5C..%5Cnexus.db")]
    [TestCase("/media/catalog/de/demo-hw-keyb-01-s.webp")]
    [TestCase("/media/catalog/")]
    public async Task Unknown_keys_and_anything_that_is_not_an_image_name_are_404(string path)
    {
        var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.Should().NotBe("image/webp");
    }

    [TestCase("../nexus")]
    [TestCase("a/b")]
    [TestCase("a\\b")]
    [TestCase("UPPER")]
    [TestCase("")]
    [TestCase("-leading")]
    [TestCase("trailing-")]
    public void The_store_refuses_keys_that_could_name_another_file(string key)
    {
        var store = new FileSystemCatalogImageStore(Path.Combine(host.DataPath, "store-refusals"));
        FluentActions.Invoking(() => store.Open(key, CatalogImageSize.Small)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => store.PutAsync(key, CatalogImageSize.Small, new byte[] { 1 }, CancellationToken.None)).Should().ThrowAsync<ArgumentException>();
    }
}
