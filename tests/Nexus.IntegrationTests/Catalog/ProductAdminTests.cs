using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Catalog.Domain;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;
using SkiaSharp;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>
/// The product pages of the back office against a real host and SQLite: create and edit with inline errors and
/// optimistic concurrency, images (hostile uploads refused, nothing stored), bulk actions, soft delete, inventory
/// adjustments with their trail, and the integration events each command writes to the catalog outbox.
/// </summary>
internal sealed class ProductAdminTests
{
    private NexusHostFactory host = null!;
    private HttpClient admin = null!;
    private Guid gadgets;
    private Guid toys;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = CatalogAdmin.Host();
        admin = host.CreateClientAs("admin-1", NexusRoles.Admin);
        gadgets = await CatalogAdmin.CategoryAsync(host, "Gadgets", "gadgets");
        toys = await CatalogAdmin.CategoryAsync(host, "Toys", "toys");
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        admin.Dispose();
        host.Dispose();
    }

    [Test]
    public async Task An_admin_creates_a_product_with_stock_and_it_is_saved_with_its_trail_and_event()
    {
        var response = await CreateAsync("GAD-001", "Pocket Torch", "24.50", stock: "12", tags: "Outdoor, gift idea", specs: "Weight: 80 g\nBattery: AA");

        response.ShouldRedirect();
        var product = await FindAsync("GAD-001");
        product.Name.Should().Be("Pocket Torch");
        product.Slug.Should().Be("pocket-torch");
        product.PriceMinor.Should().Be(2450);
        product.StockOnHand.Should().Be(12);
        product.Tags.Select(t => t.Tag).Should().BeEquivalentTo("outdoor", "gift-idea");
        product.Specifications.OrderBy(s => s.SortOrder).Select(s => $"{s.Name}={s.Value}").Should().Equal("Weight=80 g", "Battery=AA");
        product.Variants.Should().ContainSingle(v => v.Sku == "GAD-001" && v.StockOnHand == 12);
        var trail = await CatalogAdmin.ReadAsync(host, db => db.InventoryAdjustments.Where(a => a.ProductId == product.Id).ToListAsync());
        trail.Should().ContainSingle(a => a.Delta == 12 && a.ActorId == "admin-1");
        (await CatalogAdmin.OutboxAsync(host)).Should().Contain("catalog.product-created");
        (await admin.GetStringAsync(response.Headers.Location!.ToString())).Should().Contain("Product created.");
    }

    [Test]
    public async Task Bad_input_is_shown_beside_the_fields_and_nothing_is_saved()
    {
        var response = await CreateAsync("bad sku", "", "12,5", compareAt: "1.00");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Write the price as a number with at most two decimals");
        response = await CreateAsync("bad sku", "", "12.50", compareAt: "1.00");
        html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("SKU must be 3&#x2013;64 upper-case letters").And.Contain("Enter a name.").And.Contain("compare-at price must be above the price");
        (await CatalogAdmin.ReadAsync(host, db => db.Products.CountAsync(p => p.Sku == "bad sku"))).Should().Be(0);
    }

    [Test]
    public async Task A_stale_edit_is_refused_with_a_message_and_a_slug_change_keeps_the_old_address()
    {
        (await CreateAsync("GAD-002", "Desk Lamp", "40.00")).ShouldRedirect();
        var product = await FindAsync("GAD-002");
        var path = $"/admin/catalog/products/{product.Id}";

        // Someone else saves first (the version moves on) ...
        (await admin.PostFormAsync(path, Fields("GAD-002", "Desk Lamp Pro", "45.00", version: product.Version, slug: "desk-lamp-pro"))).ShouldRedirect();
        // ... then a form opened before that save is posted.
        var stale = await admin.PostFormAsync(path, Fields("GAD-002", "Desk Lamp Mini", "30.00", version: product.Version));

        stale.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await stale.Content.ReadAsStringAsync();
        html.Should().Contain("Someone else saved this product after you opened it").And.Contain("Desk Lamp Mini", "the admin's input stays in the form");
        var saved = await FindAsync("GAD-002");
        saved.Name.Should().Be("Desk Lamp Pro");
        saved.PriceMinor.Should().Be(4500);
        saved.Version.Should().Be(product.Version + 1);
        (await CatalogAdmin.ReadAsync(host, db => db.SlugRedirects.AnyAsync(r => r.Kind == SlugKind.Product && r.OldSlug == "desk-lamp" && r.TargetId == product.Id)))
            .Should().BeTrue();
        (await CatalogAdmin.OutboxAsync(host)).Should().Contain("catalog.product-updated").And.Contain("catalog.product-price-changed");
    }

    [Test]
    public async Task Images_are_stored_in_three_sizes_and_hostile_uploads_are_refused_with_nothing_stored()
    {
        (await CreateAsync("GAD-003", "Camera", "199.00")).ShouldRedirect();
        var product = await FindAsync("GAD-003");
        var path = $"/admin/catalog/products/{product.Id}";
        var imageFolder = Path.Combine(host.DataPath, "catalog-images");
        int Files() => Directory.Exists(imageFolder) ? Directory.GetFiles(imageFolder, "*", SearchOption.AllDirectories).Length : 0;
        var before = Files();

        byte[][] hostile = [
            "GIF89a? no: <script>alert(1)</script>"u8.ToArray()[6..], // text with an image's name
            Png(800, 600)[..400], // truncated
            [0xFF, 0xD8, 0xFF, .. new byte[(11 * 1024 * 1024) - 3]], // over 10 MB
        ];
        foreach (var bytes in hostile)
        {
            var refused = await admin.PostMultipartAsync(path, new Dictionary<string, string>(), [("files", "photo.jpg", bytes, "image/jpeg")], handler: "Images");
            refused.StatusCode.Should().Be(HttpStatusCode.OK);
            (await refused.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"image-error\"");
        }

        (await CatalogAdmin.ReadAsync(host, db => db.Images.CountAsync(i => i.ProductId == product.Id))).Should().Be(0);
        Files().Should().Be(before, "a refused upload stores nothing");

        var accepted = await admin.PostMultipartAsync(path, new Dictionary<string, string> { ["altText"] = "A camera" },
            [("files", "a.png", Png(1600, 800), "image/png"), ("files", "b.png", Png(300, 300), "image/png")], handler: "Images");
        accepted.ShouldRedirect();
        var images = await CatalogAdmin.ReadAsync(host, db => db.Images.Where(i => i.ProductId == product.Id).OrderBy(i => i.SortOrder).ToListAsync());
        images.Should().HaveCount(2);
        images[0].IsPrimary.Should().BeTrue();
        (images[0].Width, images[0].Height).Should().Be((1600, 800));
        Files().Should().Be(before + 6);
        var small = await admin.GetAsync($"/media/catalog/{images[0].Key}-s.webp");
        small.StatusCode.Should().Be(HttpStatusCode.OK);
        small.Content.Headers.ContentType!.MediaType.Should().Be("image/webp");

        // Make the second one primary, then delete the first: its files go, the second stays primary.
        (await admin.PostFormAsync(path, new Dictionary<string, string>
        {
            ["images[0].Id"] = images[0].Id.ToString(), ["images[0].AltText"] = "Front", ["images[0].SortOrder"] = "2",
            ["images[1].Id"] = images[1].Id.ToString(), ["images[1].AltText"] = "Back", ["images[1].SortOrder"] = "1",
            ["primary"] = images[1].Id.ToString(),
        }, handler: "ArrangeImages")).ShouldRedirect();
        (await admin.PostFormAsync(path, new Dictionary<string, string> { ["imageId"] = images[0].Id.ToString() }, handler: "RemoveImage")).ShouldRedirect();
        var left = await CatalogAdmin.ReadAsync(host, db => db.Images.Where(i => i.ProductId == product.Id).ToListAsync());
        left.Should().ContainSingle(i => i.Id == images[1].Id && i.IsPrimary && i.AltText == "Back" && i.SortOrder == 0);
        await Eventually.TrueAsync(() => Task.FromResult(Files() == before + 3), TimeSpan.FromSeconds(10), "the deleted image's files are removed after the commit");
    }

    [Test]
    public async Task A_product_with_options_sells_through_variants_that_the_editor_adds_changes_and_removes()
    {
        var fields = Fields("VAR-001", "T-Shirt", "15.00");
        fields["Input.OptionNames"] = "Size, Colour";
        fields["Input.Variants[0].Sku"] = "VAR-001-S-RED";
        fields["Input.Variants[0].Option1"] = "S";
        fields["Input.Variants[0].Option2"] = "Red";
        fields["Input.Variants[0].Stock"] = "3";
        fields["Input.Variants[1].Sku"] = "VAR-001-M-RED";
        fields["Input.Variants[1].Option1"] = "M";
        fields["Input.Variants[1].Option2"] = "Red";
        fields["Input.Variants[1].Price"] = "17.00";
        fields["Input.Variants[1].Stock"] = "0";
        (await admin.PostFormAsync("/admin/catalog/products/new", fields)).ShouldRedirect();
        var product = await FindAsync("VAR-001");
        product.OptionNames.Should().Equal("Size", "Colour");
        product.Variants.Select(v => $"{v.Sku}:{v.Title}:{v.PriceMinor}:{v.StockOnHand}").Should().BeEquivalentTo("VAR-001-S-RED:S / Red::3", "VAR-001-M-RED:M / Red:1700:0");
        product.StockOnHand.Should().Be(3);

        var small = product.Variants.Single(v => v.Option1 == "S");
        var medium = product.Variants.Single(v => v.Option1 == "M");
        var edit = Fields("VAR-001", "T-Shirt", "15.00", version: product.Version);
        edit["Input.OptionNames"] = "Size, Colour";
        edit["Input.Variants[0].Id"] = small.Id.ToString();
        edit["Input.Variants[0].Sku"] = "VAR-001-S-RED";
        edit["Input.Variants[0].Option1"] = "S";
        edit["Input.Variants[0].Option2"] = "Red";
        edit["Input.Variants[0].Price"] = "14.00";
        edit["Input.Variants[1].Id"] = medium.Id.ToString();
        edit["Input.Variants[1].Sku"] = "VAR-001-M-RED";
        edit["Input.Variants[1].Option1"] = "M";
        edit["Input.Variants[1].Option2"] = "Red";
        edit["Input.Variants[1].Remove"] = "true";
        edit["Input.Variants[2].Sku"] = "VAR-001-L-BLUE";
        edit["Input.Variants[2].Option1"] = "L";
        edit["Input.Variants[2].Option2"] = "Blue";
        edit["Input.Variants[2].Stock"] = "4";
        edit["Input.Variants[0].Remove"] = "true";
        var withHistory = await admin.PostFormAsync($"/admin/catalog/products/{product.Id}", edit);
        (await withHistory.Content.ReadAsStringAsync()).Should().Contain("A variant with stock history cannot be removed");
        edit.Remove("Input.Variants[0].Remove");
        (await admin.PostFormAsync($"/admin/catalog/products/{product.Id}", edit)).ShouldRedirect();

        var saved = await FindAsync("VAR-001");
        saved.Variants.Select(v => $"{v.Sku}:{v.PriceMinor}:{v.StockOnHand}").Should().BeEquivalentTo("VAR-001-S-RED:1400:3", "VAR-001-L-BLUE::4");
        saved.StockOnHand.Should().Be(7);

        var duplicate = Fields("VAR-002", "Socks", "5.00");
        duplicate["Input.OptionNames"] = "Size";
        duplicate["Input.Variants[0].Sku"] = "VAR-002-A";
        duplicate["Input.Variants[0].Option1"] = "One";
        duplicate["Input.Variants[1].Sku"] = "VAR-002-B";
        duplicate["Input.Variants[1].Option1"] = "One";
        var refused = await admin.PostFormAsync("/admin/catalog/products/new", duplicate);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("Two variants have the same options.");
    }

    [Test]
    public async Task Bulk_actions_publish_unpublish_move_and_soft_delete_the_ticked_products()
    {
        (await CreateAsync("BLK-001", "Bulk One", "1.00")).ShouldRedirect();
        (await CreateAsync("BLK-002", "Bulk Two", "2.00")).ShouldRedirect();
        var one = await FindAsync("BLK-001");
        var two = await FindAsync("BLK-002");
        Task<HttpResponseMessage> Bulk(string action, string? category = null)
        {
            var fields = new List<KeyValuePair<string, string>> { new("ids", one.Id.ToString()), new("ids", two.Id.ToString()), new("action", action) };
            if (category is not null)
            {
                fields.Add(new("targetCategory", category));
            }

            return PostPairsAsync("/admin/catalog", fields, "Bulk");
        }

        (await Bulk("Unpublish")).ShouldRedirect();
        (await FindAsync("BLK-001")).IsPublished.Should().BeFalse();
        (await FindAsync("BLK-002")).IsPublished.Should().BeFalse();
        var missingCategory = await Bulk("MoveToCategory");
        missingCategory.StatusCode.Should().Be(HttpStatusCode.OK);
        (await missingCategory.Content.ReadAsStringAsync()).Should().Contain("Choose the category to move the products to.");
        (await Bulk("MoveToCategory", toys.ToString())).ShouldRedirect();
        (await FindAsync("BLK-002")).CategoryId.Should().Be(toys);
        (await admin.GetStringAsync("/admin/catalog?q=bulk&published=no")).Should().Contain("Bulk One").And.Contain("Bulk Two");

        (await Bulk("Delete")).ShouldRedirect();
        (await FindAsync("BLK-001")).IsDeleted.Should().BeTrue("deletion is soft: orders keep the product");
        (await admin.GetStringAsync("/admin/catalog?q=bulk")).Should().NotContain("Bulk One");
        (await admin.GetAsync($"/admin/catalog/products/{one.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await CatalogAdmin.OutboxAsync(host)).Should().Contain("catalog.product-deleted");
    }

    [Test]
    public async Task Deleting_from_the_editor_asks_first_and_then_soft_deletes()
    {
        (await CreateAsync("DEL-001", "Doomed", "3.00")).ShouldRedirect();
        var product = await FindAsync("DEL-001");
        var path = $"/admin/catalog/products/{product.Id}";

        (await admin.GetStringAsync(path)).Should().Contain("data-testid=\"delete-product\"").And.NotContain("data-testid=\"confirm-delete\"");
        (await admin.GetStringAsync(path + "?confirmDelete=true")).Should().Contain("data-testid=\"confirm-delete\"");
        (await admin.PostFormAsync(path + "?confirmDelete=true", new Dictionary<string, string>(), handler: "Delete")).ShouldRedirect();

        (await FindAsync("DEL-001")).IsDeleted.Should().BeTrue();
    }

    [Test]
    public async Task Stock_adjustments_need_a_reason_keep_a_trail_and_raise_low_stock()
    {
        (await CreateAsync("INV-001", "Stocked", "5.00", stock: "8")).ShouldRedirect();
        var product = await FindAsync("INV-001");
        var variant = product.Variants.Single();
        var path = $"/admin/catalog/inventory?product={product.Id}";

        var noReason = await admin.PostFormAsync(path, new Dictionary<string, string> { ["variantId"] = variant.Id.ToString(), ["delta"] = "-2", ["reason"] = "" }, handler: "Adjust");
        (await noReason.Content.ReadAsStringAsync()).Should().Contain("Say why");
        var belowZero = await admin.PostFormAsync(path, new Dictionary<string, string> { ["variantId"] = variant.Id.ToString(), ["delta"] = "-9", ["reason"] = "count" }, handler: "Adjust");
        (await belowZero.Content.ReadAsStringAsync()).Should().Contain("Stock cannot go below zero.");
        (await FindAsync("INV-001")).StockOnHand.Should().Be(8);

        (await admin.PostFormAsync(path, new Dictionary<string, string> { ["variantId"] = variant.Id.ToString(), ["delta"] = "-4", ["reason"] = "Damaged in storage" }, handler: "Adjust"))
            .ShouldRedirect();

        (await FindAsync("INV-001")).StockOnHand.Should().Be(4);
        var page = await admin.GetStringAsync(path);
        page.Should().Contain("Damaged in storage").And.Contain("-4");
        (await admin.GetStringAsync("/admin/catalog/inventory")).Should().Contain("INV-001", "4 is at or below the default threshold of 5");
        var outbox = await CatalogAdmin.OutboxAsync(host);
        outbox.Should().Contain("catalog.stock-changed").And.Contain("catalog.low-stock-reached");
    }

    [Test]
    public async Task Support_reads_the_catalog_pages_but_cannot_change_anything()
    {
        (await CreateAsync("SUP-001", "Watched", "9.00")).ShouldRedirect();
        var product = await FindAsync("SUP-001");
        using var support = host.CreateClientAs("support-1", NexusRoles.Support);
        foreach (var page in new[] { "/admin/catalog", $"/admin/catalog/products/{product.Id}", "/admin/catalog/categories", "/admin/catalog/inventory", "/admin/catalog/import" })
        {
            var html = await support.GetStringAsync(page);
            html.Should().Contain("Support staff can look but not", page);
        }

        var attempt = await support.PostFormAsync($"/admin/catalog/products/{product.Id}", Fields("SUP-001", "Changed", "1.00", version: product.Version));
        attempt.Headers.Location?.ToString().Should().Contain("/status/403");
        (await FindAsync("SUP-001")).Name.Should().Be("Watched");
    }

    private Task<HttpResponseMessage> CreateAsync(string sku, string name, string price, string? stock = null, string? tags = null, string? specs = null, string? compareAt = null)
    {
        var fields = Fields(sku, name, price, tags: tags, specs: specs, compareAt: compareAt);
        if (stock is not null)
        {
            fields["Input.Stock"] = stock;
        }

        return admin.PostFormAsync("/admin/catalog/products/new", fields);
    }

    private Dictionary<string, string> Fields(string sku, string name, string price, int version = 0, string? slug = null, string? tags = null, string? specs = null, string? compareAt = null) => new()
    {
        ["Input.Version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Input.Sku"] = sku,
        ["Input.Name"] = name,
        ["Input.Slug"] = slug ?? string.Empty,
        ["Input.Price"] = price,
        ["Input.CompareAtPrice"] = compareAt ?? string.Empty,
        ["Input.CategoryId"] = gadgets.ToString(),
        ["Input.IsPublished"] = "true",
        ["Input.LowStockThreshold"] = "5",
        ["Input.Tags"] = tags ?? string.Empty,
        ["Input.Specifications"] = specs ?? string.Empty,
        ["Input.Description"] = "A **fine** thing.",
    };

    private Task<Product> FindAsync(string sku) => CatalogAdmin.ReadAsync(host, db =>
        db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Tags).Include(p => p.Specifications).AsSplitQuery().SingleAsync(p => p.Sku == sku));

    private async Task<HttpResponseMessage> PostPairsAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string handler)
    {
        var page = await admin.GetStringAsync(path);
        using var content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", FormPoster.TokenOf(page))));
        return await admin.PostAsync($"{path}?handler={handler}", content);
    }

    private static byte[] Png(int width, int height)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Teal);
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
