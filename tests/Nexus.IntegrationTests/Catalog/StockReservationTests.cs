using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Contracts.Events;
using Nexus.Modules.Catalog.Contracts.Inventory;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Catalog.Domain;
using Nexus.Modules.Catalog.Features.AdjustStock;
using Nexus.Shared.Application;
using Nexus.Shared.Messaging;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Catalog;

/// <summary>
/// Issue 15, inventory: stock is reserved when an order is placed and never oversold, however many orders race for it
/// (docs/decisions/0016), on SQLite (one writer at a time, through the writer gate) and on PostgreSQL (read committed,
/// row locks). Every command goes through the real host's MediatR pipeline (validation, unit of work).
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
internal sealed class StockReservationTests(string provider)
{
    private NexusHostFactory host = null!;
    private Guid category;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = provider == "Postgres" ? await CatalogAdmin.HostOnPostgresAsync() : CatalogAdmin.Host();
        category = await CatalogAdmin.CategoryAsync(host, "Race goods", "race-goods");
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task Two_hundred_concurrent_orders_for_fifty_in_stock_reserve_exactly_fifty_and_leave_zero()
    {
        var (productId, variants) = await ProductAsync("RACE-200", 50);
        var variant = variants[0];

        var results = await RaceAsync(Enumerable.Range(1, 200).Select(i => new ReserveStock($"R200-{i}", [new StockRequest(variant, 1)])));

        results.Count(r => r.Reserved).Should().Be(50);
        results.Where(r => !r.Reserved).Should().HaveCount(150).And.OnlyContain(r => r.Shortages.Single().VariantId == variant && r.Shortages.Single().Available == 0);
        (await StockAsync(variant)).Should().Be(0);
        (await ProductStockAsync(productId)).Should().Be(0, "the product's total moves with its variants");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        (await db.StockReservations.CountAsync(r => r.VariantId == variant && r.Status == StockReservationStatus.Reserved)).Should().Be(50);
        var trail = await db.InventoryAdjustments.Where(a => a.VariantId == variant && a.ActorId == "orders").Select(a => a.StockAfter).ToListAsync();
        trail.Should().HaveCount(50).And.OnlyContain(s => s >= 0, "stock never went below zero on the way").And.OnlyHaveUniqueItems();
        var events = await StockEventsAsync(db, variant);
        events.Should().HaveCount(50).And.OnlyContain(e => e.Reason == "reserved" && e.Delta == -1);
        events.Select(e => e.StockOnHand).Should().BeEquivalentTo(Enumerable.Range(0, 50), "each event carries the stock its move left");
    }

    [Test]
    public async Task Concurrent_orders_over_several_variants_get_every_line_or_none()
    {
        var (shirtId, shirts) = await ProductAsync("RACE-SHIRT", 12, 7, 5);
        var (mugId, mugs) = await ProductAsync("RACE-MUG", 9);
        Guid[] all = [.. shirts, .. mugs];
        var initial = new Dictionary<Guid, int> { [shirts[0]] = 12, [shirts[1]] = 7, [shirts[2]] = 5, [mugs[0]] = 9 };
        var random = new Random(15);
        var orders = Enumerable.Range(1, 80).Select(i =>
        {
            var lines = all.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(v => new StockRequest(v, random.Next(1, 4))).ToList();
            return new ReserveStock($"MIX-{i}", lines);
        }).ToList();

        var results = await RaceAsync(orders);

        results.Should().Contain(r => r.Reserved).And.Contain(r => !r.Reserved, "33 items cannot serve 80 orders of 1 to 9 items");
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var rows = await db.StockReservations.AsNoTracking().Where(r => r.OrderReference.StartsWith("MIX-")).ToListAsync();
        for (var i = 0; i < orders.Count; i++)
        {
            var held = rows.Where(r => r.OrderReference == orders[i].OrderReference).ToList();
            if (results[i].Reserved)
            {
                held.Select(r => (r.VariantId, r.Quantity)).Should().BeEquivalentTo(orders[i].Lines.Select(l => (l.VariantId, l.Quantity)), "a reserved order holds every line");
                results[i].Shortages.Should().BeEmpty();
            }
            else
            {
                held.Should().BeEmpty("a refused order holds nothing");
                results[i].Shortages.Should().NotBeEmpty().And.OnlyContain(s => s.Requested > s.Available);
            }
        }

        foreach (var variant in all)
        {
            var stock = await StockAsync(variant);
            stock.Should().Be(initial[variant] - rows.Where(r => r.VariantId == variant).Sum(r => r.Quantity)).And.BeGreaterThanOrEqualTo(0);
        }

        (await ProductStockAsync(shirtId)).Should().Be(await StockAsync(shirts[0]) + await StockAsync(shirts[1]) + await StockAsync(shirts[2]));
        (await ProductStockAsync(mugId)).Should().Be(await StockAsync(mugs[0]));
    }

    [Test]
    public async Task An_order_short_on_one_line_takes_nothing_and_says_what_is_left()
    {
        var (_, variants) = await ProductAsync("ALL-OR-NONE", 5, 2);

        var result = await SendAsync(new ReserveStock("AON-1", [new StockRequest(variants[0], 4), new StockRequest(variants[1], 3)]));

        result.Reserved.Should().BeFalse();
        result.Shortages.Should().ContainSingle().Which.Should().Be(new StockShortage(variants[1], "ALL-OR-NONE-2", 3, 2));
        (await StockAsync(variants[0])).Should().Be(5, "the line that could be served was not kept");
        (await SendAsync(new ReserveStock("AON-1", [new StockRequest(variants[0], 4), new StockRequest(variants[1], 2)]))).Should().Be(StockReservationResult.Success);
        (await StockAsync(variants[0])).Should().Be(1);
        (await StockAsync(variants[1])).Should().Be(0);
    }

    [Test]
    public async Task Reserving_again_for_the_same_order_answers_the_first_outcome_and_takes_nothing_more()
    {
        var (_, variants) = await ProductAsync("IDEMPOTENT", 10);
        var reserve = new ReserveStock("IDEM-1", [new StockRequest(variants[0], 3)]);

        (await SendAsync(reserve)).Reserved.Should().BeTrue();
        (await SendAsync(reserve)).Should().Be(StockReservationResult.Success);
        (await SendAsync(reserve with { Lines = [new StockRequest(variants[0], 9)] })).Reserved.Should().BeTrue("the order's reservation stands as it was made");
        (await StockAsync(variants[0])).Should().Be(7);

        var twins = await RaceAsync(Enumerable.Repeat(new ReserveStock("IDEM-2", [new StockRequest(variants[0], 2)]), 20));
        twins.Should().OnlyContain(r => r.Reserved, "every copy of a retried checkout answers the outcome of the one that won");
        (await StockAsync(variants[0])).Should().Be(5, "twenty copies sent at once took the stock once");
        await using var scope = host.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<CatalogDbContext>().StockReservations.CountAsync(r => r.OrderReference == "IDEM-2")).Should().Be(1);
    }

    [Test]
    public async Task Releasing_puts_the_stock_back_once_and_a_sold_reservation_only_when_asked()
    {
        var (productId, variants) = await ProductAsync("RELEASE", 6, 4);
        var lines = new[] { new StockRequest(variants[0], 2), new StockRequest(variants[1], 4) };
        (await SendAsync(new ReserveStock("REL-1", lines))).Reserved.Should().BeTrue();
        (await ProductStockAsync(productId)).Should().Be(4);

        (await SendAsync(new ReleaseStock("REL-1", "payment failed"))).Should().BeTrue();
        (await SendAsync(new ReleaseStock("REL-1", "payment failed"))).Should().BeFalse("nothing is left to release");
        (await StockAsync(variants[0])).Should().Be(6);
        (await StockAsync(variants[1])).Should().Be(4);
        (await ProductStockAsync(productId)).Should().Be(10);
        (await SendAsync(new CommitStock("REL-1"))).Should().BeFalse("released stock is on sale again, not sold");

        (await SendAsync(new ReserveStock("REL-2", lines))).Reserved.Should().BeTrue();
        var releases = await RaceAsync(Enumerable.Repeat(new ReleaseStock("REL-2", "cancelled"), 10));
        releases.Count(r => r).Should().Be(1, "ten releases at once put the stock back once");
        (await ProductStockAsync(productId)).Should().Be(10);

        (await SendAsync(new ReserveStock("REL-3", lines))).Reserved.Should().BeTrue();
        (await SendAsync(new CommitStock("REL-3"))).Should().BeTrue();
        (await SendAsync(new CommitStock("REL-3"))).Should().BeTrue("committing again changes nothing and still answers sold");
        (await SendAsync(new ReleaseStock("REL-3", "unpaid"))).Should().BeFalse("a sold reservation stays out unless the release includes sold stock");
        (await ProductStockAsync(productId)).Should().Be(4);
        (await SendAsync(new ReleaseStock("REL-3", "paid order cancelled", IncludeSold: true))).Should().BeTrue();
        (await ProductStockAsync(productId)).Should().Be(10);
        (await SendAsync(new ReleaseStock("REL-3", "paid order cancelled", IncludeSold: true))).Should().BeFalse();
        (await SendAsync(new CommitStock("NEVER-RESERVED"))).Should().BeFalse();

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var released = await db.StockReservations.AsNoTracking().Where(r => r.OrderReference == "REL-3").ToListAsync();
        released.Should().OnlyContain(r => r.Status == StockReservationStatus.Released && r.SoldAt != null && r.ReleasedAt != null && r.ReleaseReason == "paid order cancelled");
        (await StockEventsAsync(db, variants[1])).Count(e => e.Reason == "released").Should().Be(3);
    }

    [Test]
    public async Task Hostile_input_is_a_validation_error_or_a_shortage_and_takes_nothing()
    {
        var (_, variants) = await ProductAsync("HOSTILE", 5);
        var v = variants[0];
        var invalid = new ReserveStock[]
        {
            new("H-1", [new StockRequest(v, -1)]),
            new("H-2", [new StockRequest(v, 0)]),
            new("H-3", [new StockRequest(v, 10_001)]),
            new("H-4", [new StockRequest(v, int.MinValue)]),
            new("H-5", []),
            new("H-6", null!),
            new("H-7", Enumerable.Range(0, 101).Select(_ => new StockRequest(Guid.CreateVersion7(), 1)).ToList()),
            new("H-8", [new StockRequest(v, 1), new StockRequest(v, 1)]),
            new("H-9", [new StockRequest(Guid.Empty, 1)]),
            new("", [new StockRequest(v, 1)]),
            new(new string('x', 65), [new StockRequest(v, 1)]),
        };
        foreach (var command in invalid)
        {
            await FluentActions.Awaiting(() => SendAsync(command)).Should().ThrowAsync<RequestValidationException>();
        }

        await FluentActions.Awaiting(() => SendAsync(new ReleaseStock("", "x"))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => SendAsync(new ReleaseStock("H-1", ""))).Should().ThrowAsync<RequestValidationException>();
        await FluentActions.Awaiting(() => SendAsync(new CommitStock(new string('x', 65)))).Should().ThrowAsync<RequestValidationException>();

        var unknown = Guid.CreateVersion7();
        var result = await SendAsync(new ReserveStock("H-UNKNOWN", [new StockRequest(v, 1), new StockRequest(unknown, 2)]));
        result.Should().BeEquivalentTo(new StockReservationResult(false, [new StockShortage(unknown, string.Empty, 2, 0)]));
        (await SendAsync(new ReserveStock("H-MAX", [new StockRequest(v, 10_000)]))).Shortages.Should().ContainSingle().Which.Available.Should().Be(5);
        (await StockAsync(v)).Should().Be(5);
    }

    [Test]
    public async Task An_unpublished_product_cannot_be_reserved_and_a_digital_one_takes_no_stock()
    {
        var (hiddenId, hidden) = await ProductAsync("HIDDEN", 5);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
            (await db.Products.SingleAsync(p => p.Id == hiddenId)).Unpublish(DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        (await SendAsync(new ReserveStock("HID-1", [new StockRequest(hidden[0], 1)]))).Shortages.Should().ContainSingle()
            .Which.Should().Be(new StockShortage(hidden[0], "HIDDEN-1", 1, 0));

        var (_, ebook) = await ProductAsync("EBOOK", 0, digital: true);
        (await SendAsync(new ReserveStock("DIG-1", [new StockRequest(ebook[0], 3)]))).Reserved.Should().BeTrue("a digital product has no stock to run out of");
        (await StockAsync(ebook[0])).Should().Be(0);
        (await SendAsync(new ReleaseStock("DIG-1", "cancelled"))).Should().BeTrue();
        (await StockAsync(ebook[0])).Should().Be(0, "nothing was taken, so nothing is put back");
    }

    [Test]
    public async Task Stock_adjusted_by_hand_while_orders_reserve_loses_neither_and_the_inventory_page_shows_what_is_held()
    {
        var (productId, variants) = await ProductAsync("ADJUST-RACE", 30);
        var v = variants[0];
        var reservations = Enumerable.Range(1, 40).Select(i => Boxed(new ReserveStock($"ADJ-{i}", [new StockRequest(v, 1)])));
        var deliveries = Enumerable.Range(1, 10).Select(i => Boxed(new AdjustStock(v, 2, "delivery", "admin-1")));

        var results = await RaceAsync(reservations.Concat(deliveries).OrderBy(_ => Guid.NewGuid()));

        var reserved = results.OfType<StockReservationResult>().Count(r => r.Reserved);
        results.OfType<AdjustStockResult>().Should().HaveCount(10).And.OnlyContain(r => r.Found);
        reserved.Should().BeInRange(30, 40);
        (await StockAsync(v)).Should().Be(30 + 20 - reserved, "neither an adjustment nor a reservation overwrote the other");
        (await ProductStockAsync(productId)).Should().Be(30 + 20 - reserved);
        await FluentActions.Awaiting(() => SendAsync(new AdjustStock(v, -(30 + 20 - reserved) - 1, "count", "admin-1")))
            .Should().ThrowAsync<RequestValidationException>("reserved stock is already off on hand: an adjustment cannot take what orders hold");

        using var admin = host.CreateClientAs("admin-1", Nexus.Shared.Abstractions.Security.NexusRoles.Admin);
        var page = await admin.GetStringAsync($"/admin/catalog/inventory?product={productId}");
        page.Should().Contain($"<td data-testid=\"variant-held\">{reserved}</td>");
    }

    private static IRequest<object?> Boxed<TResponse>(IRequest<TResponse> request) => new BoxedRequest<TResponse>(request);

    private async Task<(Guid ProductId, Guid[] Variants)> ProductAsync(string sku, int stock, params int[] more) =>
        await ProductAsync(sku, [stock, .. more], digital: false);

    private async Task<(Guid ProductId, Guid[] Variants)> ProductAsync(string sku, int stock, bool digital) =>
        await ProductAsync(sku, [stock], digital);

    /// <summary>A published product with one variant per stock level (SKUs <c>{sku}-1</c>, <c>{sku}-2</c>, …).</summary>
    private async Task<(Guid ProductId, Guid[] Variants)> ProductAsync(string sku, int[] stocks, bool digital)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CatalogDbContext>();
        var product = new Product(Guid.CreateVersion7(), sku, $"Product {sku}", sku.ToLowerInvariant(), "", 1000, "USD", category, digital, DateTime.UtcNow);
        product.SetOptionNames(["Size"]);
        var variants = stocks.Select((s, i) => product.AddVariant(Guid.CreateVersion7(), $"{sku}-{i + 1}", $"S{i + 1}", null, null, null, s).Id).ToArray();
        db.Products.Add(product);
        await db.SaveChangesAsync();
        return (product.Id, variants);
    }

    private async Task<TResponse> SendAsync<TResponse>(IRequest<TResponse> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        return request is IBoxedRequest boxed ? (TResponse)(await boxed.SendAsync(mediator))! : await mediator.Send(request);
    }

    private interface IBoxedRequest
    {
        Task<object?> SendAsync(IMediator mediator);
    }

    /// <summary>Lets one race mix commands with different answers (the mediator sends the inner request).</summary>
    private sealed record BoxedRequest<TResponse>(IRequest<TResponse> Inner) : IRequest<object?>, IBoxedRequest
    {
        public async Task<object?> SendAsync(IMediator mediator) => await mediator.Send(Inner);
    }

    /// <summary>Sends every command at once, each in its own scope (its own request), released together.</summary>
    private async Task<TResponse[]> RaceAsync<TResponse>(IEnumerable<IRequest<TResponse>> requests)
    {
        using var start = new ManualResetEventSlim();
        var attempts = requests.Select(request => Task.Run(async () =>
        {
            start.Wait();
            return await SendAsync(request);
        })).ToList();
        start.Set();
        return await Task.WhenAll(attempts);
    }

    private Task<int> StockAsync(Guid variant) =>
        CatalogAdmin.ReadAsync(host, db => db.Variants.AsNoTracking().Where(v => v.Id == variant).Select(v => v.StockOnHand).SingleAsync());

    private Task<int> ProductStockAsync(Guid product) =>
        CatalogAdmin.ReadAsync(host, db => db.Products.AsNoTracking().Where(p => p.Id == product).Select(p => p.StockOnHand).SingleAsync());

    private static async Task<List<StockChanged>> StockEventsAsync(CatalogDbContext db, Guid variant)
    {
        var rows = await db.Outbox.AsNoTracking().Where(o => o.Name == "catalog.stock-changed").ToListAsync();
        return rows
            .Select(o => (StockChanged)IntegrationEventContract.FromEnvelope(o.ToEnvelope(), typeof(StockChanged)))
            .Where(e => e.VariantId == variant)
            .ToList();
    }
}
