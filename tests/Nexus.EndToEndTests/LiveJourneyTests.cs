using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Management;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.EndToEndTests;

/// <summary>
/// The live channel (decision 0026) in Chromium: a shopper's second device sees the cart badge follow a change made on
/// the first within a second — through WebSockets, and with WebSockets gone from the page through SignalR's fallback
/// transports —, another tab of the same browser too; a customer's open order page and notification bell show the
/// shipment an admin records, without a reload.
/// </summary>
internal sealed class LiveJourneyTests : BrowserTest
{
    private const string Keyboard = "/products/mechanical-keyboard-k2";
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static void StartHost()
    {
        host = new NexusHostFactory().WithTestAuthentication();
        baseAddress = host.StartKestrel();
    }

    [OneTimeTearDown]
    public static void StopHost() => host.Dispose();

    [Test]
    public async Task A_guests_other_tab_and_other_device_see_the_badge_follow_within_a_second()
    {
        await SecondDeviceFollowsAsync(disableWebSockets: false);
    }

    [Test]
    public async Task Without_WebSockets_the_fallback_transport_carries_the_same_updates()
    {
        await SecondDeviceFollowsAsync(disableWebSockets: true);
    }

    [Test]
    public async Task A_customers_open_order_page_shows_the_shipment_an_admin_records()
    {
        var customer = "live-customer-" + Guid.NewGuid().ToString("N")[..8];
        var number = await PaidOrderAsync(customer);
        await using var context = await Context.Browser!.NewContextAsync(new() { ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthenticationHandler.Header] = $"{customer};{NexusRoles.Customer}" } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, $"/account/orders/{number}").ToString());
        await Assertions.Expect(page.GetByTestId("order-status")).ToContainTextAsync("Paid");
        await WaitLiveAsync(page);
        await page.EvaluateAsync("() => { window.__notReloaded = 1; }");

        await ShipAsync(number, "1Z-LIVE-42");

        await Assertions.Expect(page.GetByTestId("order-shipment")).ToContainTextAsync("1Z-LIVE-42", new() { Timeout = 3000 });
        await Assertions.Expect(page.GetByTestId("order-status")).ToContainTextAsync("Shipped");
        // The notification bell in the header follows: one unread, and the shipment in its list.
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveTextAsync("1", new() { Timeout = 3000 });
        await page.GetByTestId("notification-bell").Locator("summary").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bell-item")).ToContainTextAsync($"Order {number} has shipped");
        (await page.EvaluateAsync<bool>("() => window.__notReloaded === 1")).Should().BeTrue("the status changed in place");
    }

    [Test]
    public async Task A_device_that_lost_its_connection_during_three_changes_shows_all_three_after_it_reconnects()
    {
        await Page.GotoAsync(new Uri(baseAddress, Keyboard).ToString());
        await AddAsync(Page);
        await Assertions.Expect(Page.GetByTestId("cart-badge")).ToHaveTextAsync("1");

        await using var device = await Context.Browser!.NewContextAsync();
        await device.AddCookiesAsync(CopyOf(await Context.CookiesAsync()));
        var devicePage = await device.NewPageAsync();
        // The device's network, under the test's control: while "offline" its WebSocket is cut and nothing reconnects.
        var online = true;
        IWebSocketRoute? current = null;
        await devicePage.RouteWebSocketAsync(new System.Text.RegularExpressions.Regex("/hubs/shop"), socket =>
        {
            if (!online)
            {
                _ = socket.CloseAsync();
                return;
            }

            current = socket;
            socket.ConnectToServer();
        });
        await devicePage.RouteAsync("**/hubs/shop**", route => online ? route.ContinueAsync() : route.AbortAsync());
        await devicePage.GotoAsync(new Uri(baseAddress, "/").ToString());
        await WaitLiveAsync(devicePage);
        await Assertions.Expect(devicePage.GetByTestId("cart-badge")).ToHaveTextAsync("1");

        online = false;
        await current!.CloseAsync();
        await devicePage.WaitForFunctionAsync("() => document.documentElement.dataset.liveChannel !== 'live'", null, new() { Timeout = 5_000 });
        for (var i = 0; i < 3; i++)
        {
            await AddAsync(Page);
            await Assertions.Expect(Page.GetByTestId("cart-badge")).ToHaveTextAsync((2 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await Task.Delay(500);
        await Assertions.Expect(devicePage.GetByTestId("cart-badge")).ToHaveTextAsync("1", new() { Timeout = 100 });

        online = true;
        await WaitLiveAsync(devicePage);
        await Assertions.Expect(devicePage.GetByTestId("cart-badge")).ToHaveTextAsync("4", new() { Timeout = 3000 });
        await devicePage.Locator(".mini-cart > summary").ClickAsync();
        await Assertions.Expect(devicePage.GetByTestId("mini-cart-line")).ToContainTextAsync("4 × Mechanical Keyboard K2");
    }

    [Test]
    public async Task An_admin_on_the_back_office_home_sees_a_product_reach_its_low_stock_level_live()
    {
        await using var context = await Context.Browser!.NewContextAsync(new() { ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthenticationHandler.Header] = $"live-admin;{NexusRoles.Admin}" } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, "/admin").ToString());
        await Assertions.Expect(page.GetByTestId("live-feed-list").Locator("li")).ToHaveCountAsync(0);
        await WaitLiveAsync(page);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Nexus.Modules.Catalog.Data.CatalogDbContext>();
            var mouse = await db.Products.Where(p => p.Slug == "ergonomic-mouse-m5").Select(p => new { p.Id, p.StockOnHand }).SingleAsync();
            var variant = await db.Variants.Where(v => v.ProductId == mouse.Id).Select(v => v.Id).FirstAsync();
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            (await mediator.Send(new Nexus.Modules.Catalog.Features.AdjustStock.SetLowStockThreshold(mouse.Id, mouse.StockOnHand - 1))).Should().BeTrue();
            (await mediator.Send(new Nexus.Modules.Catalog.Features.AdjustStock.AdjustStock(variant, -1, "E2E: low stock", "live-admin"))).Found.Should().BeTrue();
        }

        var item = page.GetByTestId("live-feed-item");
        await Assertions.Expect(item).ToHaveCountAsync(1, new() { Timeout = 3000 });
        await Assertions.Expect(item).ToContainTextAsync("Ergonomic Mouse M5");
        await Assertions.Expect(item).ToContainTextAsync("is low on stock");
        AssertNoConsoleErrors();
    }

    private static IEnumerable<Cookie> CopyOf(IReadOnlyList<BrowserContextCookiesResult> cookies) =>
        cookies.Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite });

    private async Task SecondDeviceFollowsAsync(bool disableWebSockets)
    {
        if (disableWebSockets)
        {
            await Context.AddInitScriptAsync("window.WebSocket = undefined;");
        }

        // Another tab of the same browser, open before the cart exists: it hears of the first add through the browser.
        var otherTab = await Context.NewPageAsync();
        await otherTab.GotoAsync(new Uri(baseAddress, "/").ToString());
        await Page.GotoAsync(new Uri(baseAddress, Keyboard).ToString());
        await WaitLiveAsync(Page);
        await WaitLiveAsync(otherTab);
        await AddAsync(Page);
        await Assertions.Expect(Page.GetByTestId("cart-badge")).ToHaveTextAsync("1");
        await Assertions.Expect(otherTab.GetByTestId("cart-badge")).ToHaveTextAsync("1", new() { Timeout = 1000 });

        // Another device holding the same cart cookie (copied): only the server can tell it.
        await using var device = await Context.Browser!.NewContextAsync();
        if (disableWebSockets)
        {
            await device.AddInitScriptAsync("window.WebSocket = undefined;");
        }

        var cookies = await Context.CookiesAsync();
        await device.AddCookiesAsync(cookies.Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));
        var devicePage = await device.NewPageAsync();
        await devicePage.GotoAsync(new Uri(baseAddress, "/").ToString());
        await Assertions.Expect(devicePage.GetByTestId("cart-badge")).ToHaveTextAsync("1");
        await WaitLiveAsync(devicePage);

        await AddAsync(Page);
        await Assertions.Expect(Page.GetByTestId("cart-badge")).ToHaveTextAsync("2");
        await Assertions.Expect(devicePage.GetByTestId("cart-badge")).ToHaveTextAsync("2", new() { Timeout = 1000 });
        await Assertions.Expect(otherTab.GetByTestId("cart-badge")).ToHaveTextAsync("2", new() { Timeout = 1000 });
        await devicePage.Locator(".mini-cart > summary").ClickAsync();
        await Assertions.Expect(devicePage.GetByTestId("mini-cart-line")).ToContainTextAsync("2 × Mechanical Keyboard K2");
        AssertNoConsoleErrors();
    }

    private static async Task AddAsync(IPage page) =>
        await page.GetByTestId("add-to-cart").GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();

    private static Task WaitLiveAsync(IPage page) =>
        page.WaitForFunctionAsync("() => document.documentElement.dataset.liveChannel === 'live'", null, new() { Timeout = 10_000 });

    private static async Task<string> PaidOrderAsync(string customerId)
    {
        var address = new AddressSnapshot("Ada Lovelace", "12 St James's Square", null, "London", "SW1Y 4JH", null, "GB", null);
        var line = new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), "E2E-LIVE", "Analytical Engine", "One size", 1, 5_000, 5_000, false);
        var draft = new OrderDraft(Guid.NewGuid().ToString("N"), Guid.NewGuid(), customerId, $"{customerId}@example.com", "USD", [line], 5_000, 0, 0, 0, 5_000, null, "standard", address, address);
        var now = DateTime.UtcNow;
        var order = Order.Create(draft, now);
        order.CompletePlacement(now);
        order.MarkPaid(Guid.NewGuid(), now);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Number;
    }

    /// <summary>What the admin order page's "Ship" form sends (the page's own journey is in the order tests).</summary>
    private static async Task ShipAsync(string number, string tracking)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new ShipOrder(number, "ups", tracking, [], new OrderActor("live-admin", "live-admin@example.com", IsStaff: true)));
        result.Should().NotBeNull();
    }
}
