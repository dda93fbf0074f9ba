using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Contracts.Products;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.CreateProduct;
using Nexus.Modules.Catalog.Features.GetPurchasableVariants;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>What the cart and checkout learn about variants: the current price, sellable stock, and why a line cannot be bought.</summary>
internal sealed class PurchasableVariantsTests
{
    private static readonly Guid Hardware = new("0193a000-0000-7000-8000-000000000001");
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
    public async Task A_published_variant_reports_its_current_price_and_stock_and_unknown_ids_are_absent()
    {
        var id = await CreateAsync("PV-PUB-01", "Purchasable Lamp", 2599, digital: false, stock: 4);

        var answer = await AskAsync(id, Guid.NewGuid());

        var variant = answer.Should().ContainSingle().Which;
        variant.VariantId.Should().Be(id, "a product without options sells through its default variant, which shares its id");
        variant.ProductId.Should().Be(id);
        variant.Sku.Should().Be("PV-PUB-01");
        variant.ProductName.Should().Be("Purchasable Lamp");
        variant.VariantTitle.Should().BeEmpty();
        variant.ProductSlug.Should().Be("purchasable-lamp");
        variant.UnitPriceMinor.Should().Be(2599);
        variant.Currency.Should().Be("USD");
        variant.Available.Should().Be(4);
        variant.IsPurchasable.Should().BeTrue();
    }

    [Test]
    public async Task A_price_change_and_a_withdrawal_show_at_once()
    {
        var id = await CreateAsync("PV-WD-01", "Withdrawn Kettle", 1000, digital: false, stock: 2);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            var product = await db.Products.Include(p => p.Variants).SingleAsync(p => p.Id == id);
            product.ChangePrice(1250, null, DateTime.UtcNow);
            product.Unpublish(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        var variant = (await AskAsync(id)).Should().ContainSingle().Which;
        variant.UnitPriceMinor.Should().Be(1250);
        variant.IsPurchasable.Should().BeFalse("an unpublished product stays in the answer so the cart can say why");
    }

    [Test]
    public async Task A_digital_variant_never_runs_out()
    {
        var id = await CreateAsync("PV-DIG-01", "Purchasable Licence", 4900, digital: true, stock: 0);

        var variant = (await AskAsync(id)).Should().ContainSingle().Which;
        variant.IsDigital.Should().BeTrue();
        variant.Available.Should().Be(GetPurchasableVariantsHandler.DigitalAvailable);
    }

    [Test]
    public async Task An_empty_question_gets_an_empty_answer() => (await AskAsync()).Should().BeEmpty();

    private async Task<Guid> CreateAsync(string sku, string name, long price, bool digital, int stock)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateProduct(sku, name, "", price, "USD", Hardware, digital, stock));
    }

    private async Task<IReadOnlyList<PurchasableVariant>> AskAsync(params Guid[] ids)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetPurchasableVariants(ids));
    }
}
