using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>
/// CSV import through the page and the Hangfire job on a real host: every row is checked first and one bad row
/// imports nothing (its line and problem reported), a dry run only reports, a good file creates and updates by SKU,
/// a malformed file gives an error rather than an exception, and an export imports back unchanged.
/// </summary>
internal sealed class ProductImportTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private NexusHostFactory host = null!;
    private HttpClient admin = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = CatalogAdmin.Host(jobs: true);
        admin = host.CreateClientAs("admin-1", NexusRoles.Admin);
        var computers = await CatalogAdmin.CategoryAsync(host, "Computers", "computers");
        await CatalogAdmin.CategoryAsync(host, "Laptops", "laptops", computers);
        await CatalogAdmin.CategoryAsync(host, "Books", "books");
    }

    [OneTimeTearDown]
    public void StopHost()
    {
        admin.Dispose();
        host.Dispose();
    }

    [Test]
    public async Task A_file_with_one_bad_row_reports_that_row_and_imports_nothing()
    {
        var csv = "sku,name,category,price,stock\r\n"
            + "IMP-A-1,Alpha,books,10.00,1\r\n"
            + "IMP-A-2,Beta,books,twelve,2\r\n"
            + "IMP-A-3,Gamma,computers/laptops,30.00,3\r\n";

        var status = await ImportAsync(csv);

        status.GetProperty("state").GetString().Should().Be("Rejected");
        var page = await admin.GetStringAsync(status.GetProperty("page").GetString()!);
        page.Should().Contain("Line 3: price &quot;twelve&quot; must be a number", "the bad row is named by its line")
            .And.Contain("Nothing was imported");
        (await CountAsync("IMP-A-")).Should().Be(0);
    }

    [Test]
    public async Task A_dry_run_reports_and_imports_nothing_and_a_real_run_creates_then_updates_by_sku()
    {
        var csv = "sku,name,category,price,compare_at_price,stock,published,tags,description\n"
            + "IMP-B-1,\"Laptop, 14\"\"\",computers/laptops,999.00,1099.00,5,true,travel|work,\"Light.\nFast.\"\n"
            + "IMP-B-2,Novel,books,12.50,,0,false,,\n";

        var dry = await ImportAsync(csv, dryRun: true);
        dry.GetProperty("state").GetString().Should().Be("Completed");
        dry.GetProperty("description").GetString().Should().Contain("Dry run").And.Contain("2 would be created");
        (await CountAsync("IMP-B-")).Should().Be(0);

        var real = await ImportAsync(csv);
        real.GetProperty("state").GetString().Should().Be("Completed");
        var laptop = await CatalogAdmin.ReadAsync(host, db => db.Products.Include(p => p.Tags).Include(p => p.Category).SingleAsync(p => p.Sku == "IMP-B-1"));
        laptop.Name.Should().Be("Laptop, 14\"");
        laptop.Category!.Slug.Should().Be("laptops");
        (laptop.PriceMinor, laptop.CompareAtPriceMinor, laptop.StockOnHand).Should().Be((99900L, 109900L, 5));
        laptop.Tags.Select(t => t.Tag).Should().BeEquivalentTo("travel", "work");
        laptop.DescriptionMarkdown.Should().Be("Light.\nFast.");
        (await CatalogAdmin.ReadAsync(host, db => db.Products.SingleAsync(p => p.Sku == "IMP-B-2"))).IsPublished.Should().BeFalse();

        var update = await ImportAsync("sku,name,category,price,stock\nIMP-B-1,Laptop 14,computers/laptops,949.00,7\n");
        update.GetProperty("description").GetString().Should().Contain("0 products created and 1 updated");
        var updated = await CatalogAdmin.ReadAsync(host, db => db.Products.SingleAsync(p => p.Sku == "IMP-B-1"));
        (updated.Name, updated.PriceMinor, updated.StockOnHand, updated.CompareAtPriceMinor).Should().Be(("Laptop 14", 94900L, 7, 109900L));
        var outbox = await CatalogAdmin.OutboxAsync(host);
        outbox.Should().Contain("catalog.product-created").And.Contain("catalog.product-price-changed").And.Contain("catalog.stock-changed");
    }

    [Test]
    public async Task A_failure_while_applying_a_large_file_rolls_back_every_batch_and_the_next_import_runs()
    {
        // 2,500 rows: three batches, staged before the write transaction copies them in. The database refuses the
        // last row's product when it is copied (a trigger stands in for a conflict that appeared after validation).
        var csv = new StringBuilder("sku,name,category,price,stock,tags\n");
        for (var i = 1; i <= 2500; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"IMP-F-{i:D4},Rollback {i},books,{i % 90 + 1}.50,{i % 7},tag{i % 5}\n");
        }

        var products = await CatalogAdmin.ReadAsync(host, db => Task.FromResult(db.Model.FindEntityType(typeof(Nexus.Modules.Catalog.Domain.Product))!.GetTableName()!));
        var trigger = "CREATE TRIGGER test_refuse_import BEFORE INSERT ON \"" + products + "\" WHEN NEW.\"Sku\" = 'IMP-F-2500' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;";
        await CatalogAdmin.ReadAsync(host, db => db.Database.ExecuteSqlRawAsync(trigger));
        var outboxBefore = (await CatalogAdmin.OutboxAsync(host)).Count;
        try
        {
            var failed = await ImportAsync(csv.ToString());

            failed.GetProperty("state").GetString().Should().Be("Failed");
            failed.GetProperty("description").GetString().Should().Contain("nothing was imported");
            (await CountAsync("IMP-F-")).Should().Be(0, "no batch of the failed import is left behind");
            (await CatalogAdmin.ReadAsync(host, db => db.SearchDocuments.CountAsync(s => s.Name.StartsWith("Rollback ")))).Should().Be(0);
            (await CatalogAdmin.OutboxAsync(host)).Count.Should().Be(outboxBefore, "no event of the failed import was recorded");
        }
        finally
        {
            await CatalogAdmin.ReadAsync(host, db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER test_refuse_import"));
        }

        var again = await ImportAsync(csv.ToString());

        again.GetProperty("state").GetString().Should().Be("Completed", "the staging tables of the failed import were cleared");
        (await CountAsync("IMP-F-")).Should().Be(2500);
        (await CatalogAdmin.ReadAsync(host, db => db.SearchDocuments.CountAsync(s => s.Name.StartsWith("Rollback ")))).Should().Be(2500);
        var last = await CatalogAdmin.ReadAsync(host, db => db.Products.Include(p => p.Tags).Include(p => p.Variants).SingleAsync(p => p.Sku == "IMP-F-2500"));
        (last.PriceMinor, last.StockOnHand, last.Variants.Single().StockOnHand).Should().Be((7150L, 1, 1));
        last.Tags.Select(t => t.Tag).Should().Equal("tag0");
        (await admin.GetStringAsync("/search?q=rollback")).Should().Contain("Rollback ", "the imported rows are in the search index");
    }

    [TestCase("sku,name,category,price\nIMP-C-1,\"never closed,books,1.00\n", "Line 2: a quoted field is never closed.")]
    [TestCase("sku,name,colour,price\nIMP-C-1,x,books,1.00\n", "unknown column")]
    [TestCase("sku,name,price\nIMP-C-1,x,1.00\n", "missing column(s) category")]
    [TestCase("\uFEFF", "The file is empty")]
    public async Task A_malformed_file_gives_an_error_on_the_page_not_an_exception(string csv, string error)
    {
        var status = await ImportAsync(csv);

        status.GetProperty("state").GetString().Should().Be("Rejected");
        (await admin.GetStringAsync(status.GetProperty("page").GetString()!)).Should().Contain(WebUtility.HtmlEncode(error));
        (await CountAsync("IMP-C-")).Should().Be(0);
    }

    [Test]
    public async Task An_export_imports_back_unchanged()
    {
        (await ImportAsync("sku,name,category,price,tags,summary\nIMP-D-1,\"Quote \"\"q\"\", comma\",books,5.00,a|b,\"two\r\nlines\"\n"))
            .GetProperty("state").GetString().Should().Be("Completed");
        var export = await admin.GetAsync("/admin/catalog/export");
        export.StatusCode.Should().Be(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var bytes = await export.Content.ReadAsByteArrayAsync();
        Encoding.UTF8.GetString(bytes).Should().Contain("IMP-D-1,\"Quote \"\"q\"\", comma\",quote-q-comma,books,5.00");
        var before = await CatalogAdmin.ReadAsync(host, db => db.Products.AsNoTracking().SingleAsync(p => p.Sku == "IMP-D-1"));

        var again = await ImportAsync(bytes);

        again.GetProperty("state").GetString().Should().Be("Completed");
        var after = await CatalogAdmin.ReadAsync(host, db => db.Products.AsNoTracking().Include(p => p.Tags).SingleAsync(p => p.Sku == "IMP-D-1"));
        (after.Name, after.Slug, after.PriceMinor, after.Summary, after.CategoryId).Should().Be((before.Name, before.Slug, before.PriceMinor, before.Summary, before.CategoryId));
        after.Tags.Select(t => t.Tag).Should().BeEquivalentTo("a", "b");
    }

    [Test]
    public async Task The_progress_endpoint_answers_json_and_an_unknown_import_is_404()
    {
        (await admin.GetAsync($"/admin/catalog/import/{Guid.NewGuid():N}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync("/admin/catalog/import/..%2F..%2Fnexus")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var status = await ImportAsync("sku,name,category,price\nIMP-E-1,E,books,1.00\n");
        status.GetProperty("percent").GetInt32().Should().Be(100);
        status.GetProperty("finished").GetBoolean().Should().BeTrue();
    }

    private Task<JsonElement> ImportAsync(string csv, bool dryRun = false) => ImportAsync(Encoding.UTF8.GetBytes(csv), dryRun);

    /// <summary>Uploads through the page, follows to the progress page and polls its JSON until the import ends.</summary>
    private async Task<JsonElement> ImportAsync(byte[] csv, bool dryRun = false)
    {
        var fields = new Dictionary<string, string>();
        if (dryRun)
        {
            fields["dryRun"] = "true";
        }

        var response = await admin.PostMultipartAsync("/admin/catalog/import", fields, [("file", "products.csv", csv, "text/csv")]);
        response.ShouldRedirect();
        var page = response.Headers.Location!.ToString();
        JsonElement status = default;
        await Eventually.TrueAsync(
            async () =>
            {
                status = JsonDocument.Parse(await admin.GetStringAsync(page + "?handler=Status")).RootElement.Clone();
                return status.GetProperty("finished").GetBoolean();
            },
            Patience,
            "the import job finishes");
        using var withPage = JsonDocument.Parse(JsonSerializer.Serialize(new
        {
            state = status.GetProperty("state").GetString(),
            percent = status.GetProperty("percent").GetInt32(),
            finished = true,
            description = status.GetProperty("description").GetString(),
            page,
        }));
        return withPage.RootElement.Clone();
    }

    private Task<int> CountAsync(string skuPrefix) => CatalogAdmin.ReadAsync(host, db => db.Products.CountAsync(p => p.Sku.StartsWith(skuPrefix)));
}
