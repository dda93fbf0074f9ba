using AngleSharp.Html.Parser;
using Nexus.IntegrationTests.Storefront;
using Nexus.Shared.Persistence;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Persistence;

/// <summary>Two instances on one PostgreSQL and Redis: a change saved on one shows on the other's storefront.</summary>
internal sealed class PostgresCatalogCacheTests
{
    [Test]
    public async Task A_product_changed_on_one_instance_shows_on_the_other_and_search_uses_postgres_full_text()
    {
        await using var redis = await RedisServer.StartPersistentAsync();
        var settings = new Dictionary<string, string?> { ["Redis:ConnectionString"] = redis.ConnectionString };
        using var first = await NexusHostFactory.OnPostgresAsync(settings);
        using var firstClient = first.CreateClient();
        (await NamesAsync(firstClient, "/search?q=keyboard")).Should().Contain("Mechanical Keyboard K2");

        settings["Database:Provider"] = "Postgres";
        settings["ConnectionStrings:Nexus"] = first.Service<DatabaseSettings>().ConnectionString;
        using var second = new NexusHostFactory(settings);
        using var secondClient = second.CreateClient();
        (await NamesAsync(secondClient, "/search?q=mouse")).Should().Contain("Ergonomic Mouse M5"); // second's cache is warm now

        (await NamesAsync(secondClient, "/search?q=quokka")).Should().BeEmpty(); // no product has that word yet

        // A word no demo product uses, so the search's first page can only show the renamed product.
        await BrowseCatalogTests.RenameAsync(first, "HW-MOUS-01", "Quokka Vertical Mouse M6");

        (await NamesAsync(firstClient, "/search?q=quokka")).Should().Equal("Quokka Vertical Mouse M6");
        await Eventually.TrueAsync(
            async () => (await NamesAsync(secondClient, "/search?q=quokka")).Contains("Quokka Vertical Mouse M6"),
            TimeSpan.FromSeconds(20),
            "the other instance's cache should be emptied through the fan-out");
        (await NamesAsync(secondClient, "/search?q=quokka")).Should().Equal("Quokka Vertical Mouse M6");
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, string url) =>
        new HtmlParser().ParseDocument(await client.GetStringAsync(url))
            .QuerySelectorAll("[data-testid=product-card] .product-name").Select(e => e.TextContent.Trim()).ToList();
}
