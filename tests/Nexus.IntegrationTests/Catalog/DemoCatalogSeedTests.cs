using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Seeding;
using Nexus.Shared.Persistence;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>The demo shop a fresh clone shows: big and varied enough to browse, the same on every machine, seeded once.</summary>
internal sealed class DemoCatalogSeedTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory();
        _ = host.Server;
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public void Two_builds_of_the_demo_catalog_are_identical()
    {
        Fingerprint(DemoCatalog.Build("USD")).Should().Be(Fingerprint(DemoCatalog.Build("USD")));
    }

    [Test]
    public async Task The_seeded_catalog_is_the_built_one_with_everything_a_shop_shows()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var expected = DemoCatalog.Build("USD");
        var products = await db.Products.AsNoTracking().Include(p => p.Variants).Include(p => p.Images).Include(p => p.Tags).Include(p => p.Specifications).AsSplitQuery().ToListAsync();
        var categories = await db.Categories.AsNoTracking().ToListAsync();

        products.Select(p => (p.Id, p.Sku, p.Name, p.PriceMinor)).Should().BeEquivalentTo(expected.Products.Select(p => (p.Id, p.Sku, p.Name, p.PriceMinor)));
        products.Should().HaveCountGreaterThanOrEqualTo(500);
        categories.Should().HaveCountGreaterThanOrEqualTo(10);
        var byId = categories.ToDictionary(c => c.Id);
        categories.Should().Contain(c => c.ParentId != null && byId[c.ParentId.Value].ParentId != null, "some categories nest two levels deep");
        products.Should().OnlyContain(p => p.Currency == "USD");
        products.Should().OnlyContain(p => p.Variants.Count >= 1 && p.StockOnHand == p.Variants.Sum(v => v.StockOnHand), "stock on hand is the sum over the variants");
        products.Should().OnlyContain(p => p.Images.Count(i => i.IsPrimary) == 1);
        products.Where(p => p.IsDigital).Should().HaveCountGreaterThan(50).And.Contain(p => p.OptionNames.SequenceEqual(new[] { "Edition" }));
        products.Should().Contain(p => p.OptionNames.SequenceEqual(new[] { "Size", "Colour" }) && p.Variants.Count >= 8 && p.Variants.Any(v => v.StockOnHand == 0) && p.StockOnHand > 0, "apparel in stock with single sizes sold out");
        products.Where(p => !p.IsDigital && p.StockOnHand == 0).Should().HaveCountGreaterThan(10, "some products are sold out");
        products.Where(p => !p.IsDigital && p.StockOnHand > 0 && p.StockOnHand <= p.LowStockThreshold).Should().HaveCountGreaterThan(10, "some are low on stock");
        products.Where(p => p.CompareAtPriceMinor > p.PriceMinor).Should().HaveCountGreaterThan(50);
        products.Where(p => !p.IsPublished).Should().NotBeEmpty();
        products.Should().OnlyContain(p => p.Specifications.Count > 0 || p.Sku.Contains('-', StringComparison.Ordinal));
        products.SelectMany(p => p.Tags).Select(t => t.Tag).Distinct().Should().HaveCountGreaterThan(20);
        (await db.SearchDocuments.CountAsync()).Should().Be(products.Count, "every product is searchable");

        var reviews = await db.Reviews.AsNoTracking().ToListAsync();
        reviews.Should().HaveCountGreaterThan(500);
        var purchases = await db.Purchases.AsNoTracking().ToListAsync();
        reviews.Should().OnlyContain(r => purchases.Any(p => p.ProductId == r.ProductId && p.CustomerId == r.CustomerId), "every review is a verified purchase");
        foreach (var rated in products.Where(p => p.RatingCount > 0))
        {
            var own = reviews.Where(r => r.ProductId == rated.Id).ToList();
            rated.RatingCount.Should().Be(own.Count);
            rated.RatingAverage.Should().BeApproximately(own.Average(r => r.Rating), 0.006);
        }
    }

    [Test]
    public async Task Seeding_again_changes_nothing()
    {
        int before;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            before = await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().Products.CountAsync();
            foreach (var seeder in scope.ServiceProvider.GetServices<IModuleSeeder>())
            {
                await seeder.SeedAsync(CancellationToken.None);
            }
        }

        await using var check = host.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<CatalogDbContext>().Products.CountAsync()).Should().Be(before);
    }

    private static string Fingerprint(DemoCatalogData data) => JsonSerializer.Serialize(new
    {
        Categories = data.Categories.Select(c => new { c.Id, c.ParentId, c.Name, c.Slug, c.SortOrder }),
        Products = data.Products.Select(p => new
        {
            p.Id, p.Sku, p.Name, p.Slug, p.Summary, p.DescriptionMarkdown, p.PriceMinor, p.CompareAtPriceMinor, p.CategoryId, p.IsDigital,
            p.IsPublished, p.StockOnHand, p.RatingAverage, p.RatingCount, p.CreatedAt, p.OptionNames,
            Variants = p.Variants.Select(v => new { v.Id, v.Sku, v.Option1, v.Option2, v.PriceMinor, v.StockOnHand }),
            Tags = p.Tags.Select(t => t.Tag),
            Specifications = p.Specifications.Select(s => new { s.Name, s.Value }),
            Images = p.Images.Select(i => new { i.Id, i.Key }),
        }),
        Reviews = data.Reviews.Select(r => new { r.Id, r.ProductId, r.CustomerId, r.Rating, r.Body, r.CreatedAt }),
    });
}
