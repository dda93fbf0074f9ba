using System.Globalization;
using System.Text;
using Nexus.Shared.Abstractions.Security;
using SkiaSharp;

namespace Nexus.EndToEndTests;

/// <summary>
/// An admin runs the catalog in Chromium: creates a product, uploads a picture (a PNG drawn here), publishes it and
/// finds it in the shop — listing, search and its page with the picture; imports a CSV with one bad row (that row's
/// error, nothing imported) and a good one of a few hundred rows (progress, done, the products in the shop). The
/// host runs a job server, as a shop does, since imports are background jobs.
/// </summary>
internal sealed class CatalogBackOfficeJourneyTests : BrowserTest
{
    private const string TShirts = "0193a000-0000-7000-8000-000000000029";
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static void StartHost()
    {
        host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:PollInterval"] = "00:00:00.5",
        }).WithTestAuthentication();
        baseAddress = host.StartKestrel();
    }

    [OneTimeTearDown]
    public static void StopHost() => host.Dispose();

    protected override BrowserNewContextOptions ContextOptions()
    {
        // Every request of this browser is the admin's (the test scheme); sign-in itself is BackOfficeJourneyTests'.
        var options = base.ContextOptions();
        options.ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthenticationHandler.Header] = $"catalog-admin;{NexusRoles.Admin}" };
        return options;
    }

    [Test]
    public async Task An_admin_creates_a_product_with_a_picture_publishes_it_and_finds_it_in_the_shop()
    {
        await Page.GotoAsync(new Uri(baseAddress, "/admin/catalog/products/new").ToString());
        var form = Page.GetByTestId("product-form");
        await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Quokka Trail Tee");
        await form.GetByLabel("SKU", new() { Exact = true }).FillAsync("TS-QUOKKA-01");
        await form.GetByLabel("Category", new() { Exact = true }).SelectOptionAsync(TShirts);
        await form.GetByLabel("Summary").FillAsync("A soft tee with a quokka on the trail.");
        await form.GetByLabel("Price", new() { Exact = true }).FillAsync("27.50");
        await form.GetByLabel("Stock on hand").FillAsync("12");
        // Created as a draft first: nothing of it shows in the shop until it is published.
        await form.GetByLabel("Published (shown in the shop)").UncheckAsync();
        await Page.GetByTestId("save-product").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("admin-message")).ToHaveTextAsync("Product created.");
        var editor = Page.Url;

        await Page.GetByTestId("image-upload").GetByLabel("Add images").SetInputFilesAsync(new FilePayload
        {
            Name = "quokka.png",
            MimeType = "image/png",
            Buffer = Png(900, 700),
        });
        await Page.GetByLabel("Alt text (describes").FillAsync("A quokka printed on a sand-coloured tee");
        await Page.GetByTestId("upload-images").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("admin-message")).ToHaveTextAsync("1 image(s) added.");
        await Assertions.Expect(Page.GetByTestId("product-image")).ToHaveCountAsync(1);

        (await host.CreateClient().GetAsync(new Uri(baseAddress, "/products/quokka-trail-tee"))).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "a draft is not in the shop");
        await Page.GetByTestId("product-form").GetByLabel("Published (shown in the shop)").CheckAsync();
        await Page.GetByTestId("save-product").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("admin-message")).ToHaveTextAsync("Product saved.");
        Page.Url.Should().StartWith(editor, "the same product was saved");

        // The shop, as a visitor sees it: the newest product first on the T-shirts shelf, found by search, its page.
        var visitor = await Context.Browser!.NewContextAsync(base.ContextOptions());
        try
        {
            var shop = await visitor.NewPageAsync();
            await shop.GotoAsync(new Uri(baseAddress, "/categories/t-shirts").ToString());
            await Assertions.Expect(shop.GetByTestId("product-card").First).ToContainTextAsync("Quokka Trail Tee");
            await Assertions.Expect(shop.GetByTestId("product-card").First.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("alt", "A quokka printed on a sand-coloured tee");

            await shop.GotoAsync(new Uri(baseAddress, "/search?q=quokka").ToString());
            await Assertions.Expect(shop.GetByTestId("product-card")).ToHaveCountAsync(1);
            await shop.GetByRole(AriaRole.Link, new() { Name = "Quokka Trail Tee", Exact = true }).ClickAsync();

            await Assertions.Expect(shop).ToHaveURLAsync(new Uri(baseAddress, "/products/quokka-trail-tee").ToString());
            await Assertions.Expect(shop.GetByTestId("product-price")).ToContainTextAsync("$27.50");
            var picture = shop.GetByTestId("gallery").GetByRole(AriaRole.Img, new() { Name = "A quokka printed on a sand-coloured tee" });
            await Assertions.Expect(picture).ToBeVisibleAsync();
            (await picture.EvaluateAsync<int>("img => img.complete ? img.naturalWidth : 0")).Should().BeGreaterThan(0, "the uploaded picture is served");
            await Assertions.Expect(shop.GetByTestId("product-reviews")).ToContainTextAsync("No reviews yet.");
        }
        finally
        {
            await visitor.CloseAsync();
        }

        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_csv_with_one_bad_row_imports_nothing_and_a_good_one_imports_hundreds_with_progress()
    {
        var bad = Csv(50, "BADROW", row => row == 37 ? "no-such-shelf" : "t-shirts");
        await UploadAsync("bad-rows.csv", bad);
        await Assertions.Expect(Page.GetByTestId("import-state")).ToContainTextAsync("Not imported: 1 problem(s) in 50 rows.", new() { Timeout = 30_000 });
        var errors = Page.GetByTestId("import-errors").Locator("li");
        await Assertions.Expect(errors).ToHaveCountAsync(1);
        await Assertions.Expect(errors).ToContainTextAsync("Line 38");
        await Assertions.Expect(errors).ToContainTextAsync("no-such-shelf");
        (await host.CreateClient().GetStringAsync(new Uri(baseAddress, "/search?q=badrow"))).Should().NotContain("Badrow Import", "nothing of the file was imported");

        await UploadAsync("good-rows.csv", Csv(300, "GOODROW", _ => "t-shirts"));
        var progress = Page.Locator("#import-progress");
        await Assertions.Expect(progress).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("import-state")).ToContainTextAsync("Done: 300 rows imported, 300 products created and 0 updated.", new() { Timeout = 60_000 });
        await Assertions.Expect(progress).ToHaveAttributeAsync("value", "100");

        var visitor = await Context.Browser!.NewContextAsync(base.ContextOptions());
        try
        {
            var shop = await visitor.NewPageAsync();
            await shop.GotoAsync(new Uri(baseAddress, "/search?q=goodrow").ToString());
            await Assertions.Expect(shop.GetByTestId("result-count")).ToHaveTextAsync("300 products");
            await shop.GotoAsync(new Uri(baseAddress, "/products/goodrow-import-tee-150").ToString());
            await Assertions.Expect(shop.GetByTestId("product-title")).ToHaveTextAsync("Goodrow Import Tee 150");
            await Assertions.Expect(shop.GetByTestId("product-price")).ToContainTextAsync("$21.50");
        }
        finally
        {
            await visitor.CloseAsync();
        }

        AssertNoConsoleErrors();
    }

    private async Task UploadAsync(string fileName, string csv)
    {
        await Page.GotoAsync(new Uri(baseAddress, "/admin/catalog/import").ToString());
        await Page.GetByTestId("import-form").GetByLabel("CSV file").SetInputFilesAsync(new FilePayload
        {
            Name = fileName,
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await Page.GetByRole(AriaRole.Button, new() { Name = "Upload and import" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Import of " + fileName })).ToBeVisibleAsync();
    }

    /// <summary>Rows 1..<paramref name="rows"/> of tees "<paramref name="word"/> Import Tee n", priced 20.00 + n/100.</summary>
    private static string Csv(int rows, string word, Func<int, string> category)
    {
        var name = word[..1] + word[1..].ToLowerInvariant();
        var csv = new StringBuilder("sku,name,category,price,stock,summary\n");
        for (var n = 1; n <= rows; n++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{word}-{n:000},{name} Import Tee {n},{category(n)},{20m + n / 100m:0.00},{n % 7 + 1},Imported by the end-to-end journey\n");
        }

        return csv.ToString();
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(0xE8, 0xD4, 0xA8));
            using var paint = new SKPaint { Color = new SKColor(0x6B, 0x4F, 0x2A), IsAntialias = true };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 4f, paint);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
