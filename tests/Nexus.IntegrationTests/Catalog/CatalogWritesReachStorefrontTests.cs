using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Persistence;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>
/// The storefront serves its listing and search from an in-memory snapshot; every catalog write path must empty it
/// once its change is committed, on this instance and on the others. The CSV import writes new products in bulk,
/// past the change tracker, inside one transaction; the product list's bulk publish/unpublish saves many products at
/// once. Each must show on the next storefront request with the cache warm beforehand, and on a second instance.
/// </summary>
internal sealed class CatalogWritesReachStorefrontTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Test]
    public async Task An_import_and_a_bulk_unpublish_and_publish_show_on_the_next_storefront_request()
    {
        using var host = CatalogAdmin.Host(jobs: true);
        using var admin = host.CreateClientAs("admin-1", NexusRoles.Admin);
        using var shopper = host.CreateClient();
        await CatalogAdmin.CategoryAsync(host, "Books", "books");
        (await NamesAsync(shopper, "/search?q=wombat")).Should().BeEmpty("the cache is warm and holds no such product yet");
        (await NamesAsync(shopper, "/")).Should().BeEmpty();

        (await admin.ImportAsync("sku,name,category,price,tags\nVIS-1,Wombat Atlas,books,12.00,maps\nVIS-2,Wombat Diary,books,8.00,\n", Patience))
            .Should().Be("Completed");

        (await NamesAsync(shopper, "/search?q=wombat")).Should().BeEquivalentTo("Wombat Atlas", "Wombat Diary");
        (await NamesAsync(shopper, "/")).Should().BeEquivalentTo("Wombat Atlas", "Wombat Diary");
        (await NamesAsync(shopper, "/?tag=maps")).Should().Equal("Wombat Atlas");

        var atlas = await CatalogAdmin.ReadAsync(host, db => db.Products.SingleAsync(p => p.Sku == "VIS-1"));
        (await BulkAsync(admin, "Unpublish", atlas.Id)).ShouldRedirect();
        (await NamesAsync(shopper, "/search?q=wombat")).Should().Equal("Wombat Diary");
        (await NamesAsync(shopper, "/")).Should().Equal("Wombat Diary");

        (await BulkAsync(admin, "Publish", atlas.Id)).ShouldRedirect();
        (await NamesAsync(shopper, "/")).Should().BeEquivalentTo("Wombat Atlas", "Wombat Diary");
    }

    [Test]
    public async Task An_import_and_a_bulk_unpublish_on_one_instance_show_on_the_other()
    {
        await using var redis = await RedisServer.StartPersistentAsync();
        var shared = new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.ConnectionString };
        using var first = await CatalogAdmin.HostOnPostgresAsync(jobs: true, shared);
        using var admin = first.CreateClientAs("admin-1", NexusRoles.Admin);
        using var firstShopper = first.CreateClient();
        await CatalogAdmin.CategoryAsync(first, "Books", "books");

        // The second instance runs no jobs (the upload lives in the first one's data folder) and reads the same database.
        var secondSettings = CatalogAdmin.Settings(jobs: false);
        secondSettings["Redis:ConnectionString"] = redis.ConnectionString;
        secondSettings["Database:Provider"] = "Postgres";
        secondSettings["ConnectionStrings:Nexus"] = first.Service<DatabaseSettings>().ConnectionString;
        using var second = new NexusHostFactory(secondSettings);
        using var secondShopper = second.CreateClient();
        (await NamesAsync(secondShopper, "/")).Should().BeEmpty("the second instance's cache is warm and empty");
        (await NamesAsync(secondShopper, "/search?q=numbat")).Should().BeEmpty();

        (await admin.ImportAsync("sku,name,category,price\nVIS-P-1,Numbat Atlas,books,12.00\nVIS-P-2,Numbat Diary,books,8.00\n", Patience))
            .Should().Be("Completed");

        (await NamesAsync(firstShopper, "/search?q=numbat")).Should().BeEquivalentTo("Numbat Atlas", "Numbat Diary");
        await Eventually.TrueAsync(
            async () => (await NamesAsync(secondShopper, "/")).Count == 2,
            TimeSpan.FromSeconds(20),
            "the other instance's cache is emptied through the fan-out after the import commits");
        (await NamesAsync(secondShopper, "/search?q=numbat")).Should().BeEquivalentTo("Numbat Atlas", "Numbat Diary");

        var atlas = await CatalogAdmin.ReadAsync(first, db => db.Products.SingleAsync(p => p.Sku == "VIS-P-1"));
        (await BulkAsync(admin, "Unpublish", atlas.Id)).ShouldRedirect();
        (await NamesAsync(firstShopper, "/")).Should().Equal("Numbat Diary");
        await Eventually.TrueAsync(
            async () => (await NamesAsync(secondShopper, "/")).Count == 1,
            TimeSpan.FromSeconds(20),
            "the other instance's cache is emptied after the bulk unpublish");
        (await NamesAsync(secondShopper, "/search?q=numbat")).Should().Equal("Numbat Diary");
    }

    private static async Task<HttpResponseMessage> BulkAsync(HttpClient admin, string action, params Guid[] ids)
    {
        var page = await admin.GetStringAsync("/admin/catalog");
        var fields = ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString()))
            .Append(new("action", action))
            .Append(new("__RequestVerificationToken", FormPoster.TokenOf(page)));
        using var content = new FormUrlEncodedContent(fields);
        return await admin.PostAsync("/admin/catalog?handler=Bulk", content);
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, string url) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(url))
            .QuerySelectorAll("[data-testid=product-card] .product-name").Select(e => e.TextContent.Trim()).ToList();
}
