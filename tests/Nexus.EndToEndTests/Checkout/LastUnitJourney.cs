using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Features.AdjustStock;

namespace Nexus.EndToEndTests.Checkout;

/// <summary>
/// Issue 17's stock journey on the buying journeys' host: a visitor looks at a product with one unit left while a
/// shopper in another browser buys it; the visitor's page says "Sold out" and disables the add-to-cart form without
/// being reloaded.
/// </summary>
internal sealed partial class CheckoutJourneyTests
{
    private const string Stand = "/products/laptop-stand";

    [Test]
    public async Task A_visitor_watching_the_last_unit_sees_it_sold_out_when_another_browser_buys_it_without_reloading()
    {
        var (variantId, stockBefore) = await VariantOfAsync("laptop-stand");
        await AdjustStockAsync(variantId, 1 - stockBefore);
        try
        {
            var watcher = Page;
            await watcher.GotoAsync(new Uri(baseAddress, Stand).ToString());
            await Assertions.Expect(watcher.GetByTestId("stock")).ToContainTextAsync("In stock (1)");
            await watcher.WaitForFunctionAsync("() => document.documentElement.dataset.liveChannel === 'live'", null, new() { Timeout = 10_000 });
            await watcher.EvaluateAsync("() => { window.__notReloaded = 1; }");

            await using var buyer = await Context.Browser!.NewContextAsync();
            var shopper = await buyer.NewPageAsync();
            await AddToCartAsync(shopper, Stand);
            await CheckOutAsGuestAsync(shopper);
            await PlaceAsync(shopper, SuccessCard, await ReviewAsync(shopper));

            await Assertions.Expect(watcher.GetByTestId("stock")).ToContainTextAsync("Sold out", new() { Timeout = 3000 });
            await Assertions.Expect(watcher.GetByTestId("add-to-cart").GetByRole(AriaRole.Button, new() { Name = "Add to cart" })).ToBeDisabledAsync();
            (await watcher.EvaluateAsync<bool>("() => window.__notReloaded === 1")).Should().BeTrue("the stock changed in place");
            AssertNoConsoleErrors();
        }
        finally
        {
            var (_, left) = await VariantOfAsync("laptop-stand");
            await AdjustStockAsync(variantId, stockBefore - left);
        }
    }

    private static async Task<(Guid VariantId, int Stock)> VariantOfAsync(string slug)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var productId = await db.Products.Where(p => p.Slug == slug).Select(p => p.Id).SingleAsync();
        var variant = await db.Variants.Where(v => v.ProductId == productId).Select(v => new { v.Id, v.StockOnHand }).FirstAsync();
        return (variant.Id, variant.StockOnHand);
    }

    private static async Task AdjustStockAsync(Guid variantId, int delta)
    {
        if (delta == 0)
        {
            return;
        }

        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new AdjustStock(variantId, delta, "E2E: the last unit", "e2e-admin"));
        result.Found.Should().BeTrue();
    }
}
