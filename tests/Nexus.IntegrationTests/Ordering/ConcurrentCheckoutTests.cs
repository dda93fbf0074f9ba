using System.Net;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Ordering.Domain;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Ordering;

/// <summary>
/// Issue 15, "done when": 200 shoppers check out at the same moment for a product with 50 in stock — exactly 50 orders
/// are placed (and paid), the stock ends at 0 and never below, and the other 150 are told what is short and keep their
/// cart; on SQLite and on PostgreSQL, through the real checkout pages.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
internal sealed class ConcurrentCheckoutTests(string provider)
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        // The machine is shared and 200 checkouts at once load it: the shop waits for the provider's answers as long as
        // it takes here (the 1 s of the other tests would turn slow answers into payments left for reconciliation).
        var settings = new Dictionary<string, string?> { ["Modules:Payments:Provider:Timeout"] = "00:01:00" };
        host = provider == "Postgres" ? await OrderingShop.HostOnPostgresAsync(settings) : OrderingShop.Host(settings);
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task Two_hundred_concurrent_checkouts_for_fifty_in_stock_place_exactly_fifty_orders()
    {
        var variant = await host.ProductAsync($"RUSH-{provider}", 50, 1200);
        var shoppers = Enumerable.Range(0, 200).Select(_ => host.Guest()).ToList();
        var forms = new List<(HttpClient Shopper, string Token, string Key)>();
        foreach (var shopper in shoppers)
        {
            await shopper.AddToCartAsync(variant);
            var (token, key) = await shopper.StartCheckoutAsync();
            forms.Add((shopper, token, key));
        }

        using var start = new ManualResetEventSlim();
        var attempts = forms.Select(f => Task.Run(async () =>
        {
            start.Wait();
            using var response = await f.Shopper.PlaceAsync(f.Token, OrderingShop.Details(f.Key));
            return (response.StatusCode, Location: response.Headers.Location?.ToString(), Body: await response.Content.ReadAsStringAsync());
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        results.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.Redirect || r.StatusCode == HttpStatusCode.OK, "never a server error");
        // Under this load the provider may answer a confirm later than the shop waits (1 s here): such an order goes to
        // the "confirming your payment" page and the webhook settles it.
        var placed = results.Where(r => r.StatusCode == HttpStatusCode.Redirect && r.Location != "/cart").ToList();
        placed.Should().HaveCount(50).And.OnlyContain(r => r.Location!.StartsWith("/checkout/confirmation/", StringComparison.Ordinal) || r.Location!.StartsWith("/checkout/processing/", StringComparison.Ordinal));
        // Refused: told what is short (by the cart's check or by the reservation, whichever saw the stock gone first), or
        // sent back to the cart when its check found nothing left to buy (the cart page says why).
        results.Where(r => r.StatusCode == HttpStatusCode.OK || r.Location == "/cart").Should().HaveCount(150)
            .And.OnlyContain(r => r.Location == "/cart" || r.Body.Contains("data-testid=\"checkout-problems\"", StringComparison.Ordinal));
        (await host.StockAsync(variant)).Should().Be(0);
        await Eventually.TrueAsync(
            async () => await host.OrderingAsync(db => db.Orders.CountAsync(o => o.Status == OrderStatus.Paid && o.Lines.Any(l => l.VariantId == variant))) == 50,
            TimeSpan.FromSeconds(90),
            "every placed order is paid (by the answer or by the webhook)");
        var orders = await host.OrderingAsync(db => db.Orders.AsNoTracking().Where(o => o.Lines.Any(l => l.VariantId == variant)).Select(o => new { o.Status, o.PlacedAt }).ToListAsync());
        orders.Count(o => o.Status == OrderStatus.Paid).Should().Be(50);
        orders.Where(o => o.Status != OrderStatus.Paid).Should().OnlyContain(o => o.Status == OrderStatus.Cancelled && o.PlacedAt == null, "a refused order is cancelled, never left holding stock");
        foreach (var shopper in shoppers)
        {
            shopper.Dispose();
        }
    }
}
