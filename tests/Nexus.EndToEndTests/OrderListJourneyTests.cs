using Microsoft.Extensions.DependencyInjection;
using Nexus.EndToEndTests.SubApps;
using Nexus.Modules.Ordering.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.EndToEndTests;

/// <summary>
/// Issue 16, the order list in Chromium: an admin filters the back office's orders to the paid ones of a customer,
/// sees the row link to the order, opens the customer (profile, lifetime value) and goes back to their orders. The
/// orders are written to the database directly (the buying journeys are CheckoutJourneyTests'); every request of this
/// browser is the admin's (the test scheme).
/// </summary>
internal sealed class OrderListJourneyTests : BrowserTest
{
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

    protected override BrowserNewContextOptions ContextOptions()
    {
        var options = base.ContextOptions();
        options.ExtraHTTPHeaders = new Dictionary<string, string> { [TestAuthenticationHandler.Header] = $"orders-admin;{NexusRoles.Admin}" };
        return options;
    }

    [Test]
    public async Task An_admin_filters_the_list_to_paid_orders_and_opens_one_and_its_customer()
    {
        var email = $"grace-{Guid.NewGuid():N}@example.com";
        var customerId = await LicensingWorld.CreateUserAsync(host, email, NexusRoles.Customer);
        var paid = await SeedAsync(customerId, email, 4200, paidToo: true);
        var unpaid = await SeedAsync(customerId, email, 1900, paidToo: false);

        await Page.GotoAsync(new Uri(baseAddress, "/admin/orders").ToString());
        var filters = Page.GetByTestId("order-filters");
        await filters.GetByLabel("Order number or e-mail", new() { Exact = true }).FillAsync(email[..12]);
        await filters.GetByLabel("Payment", new() { Exact = true }).SelectOptionAsync("paid");
        await Page.GetByTestId("apply-filters").ClickAsync();

        Page.Url.Should().Contain("payment=paid").And.Contain("q=grace-");
        var rows = Page.GetByTestId("order-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync(paid);
        await Assertions.Expect(rows.First).ToContainTextAsync("$42.00");
        await Assertions.Expect(Page.GetByText(unpaid)).ToHaveCountAsync(0);
        await Assertions.Expect(rows.First.GetByTestId("order-link")).ToHaveAttributeAsync("href", $"/admin/orders/{paid}");

        await rows.First.GetByTestId("customer-link").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("customer-email")).ToContainTextAsync(email);
        await Assertions.Expect(Page.GetByTestId("lifetime-value")).ToHaveTextAsync("$42.00");
        await Assertions.Expect(Page.GetByTestId("order-count")).ToHaveTextAsync("2");
        await Assertions.Expect(Page.GetByTestId("customer-order-row")).ToHaveCountAsync(2);

        await Page.GetByTestId("customer-all-orders").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("order-row")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.GetByLabel("Customer", new() { Exact = true })).ToHaveValueAsync(customerId);
        AssertNoConsoleErrors();
    }

    private static async Task<string> SeedAsync(string customerId, string email, long totalMinor, bool paidToo)
    {
        var address = new AddressSnapshot("Grace Hopper", "1 Harvard Yard", null, "Cambridge", "02138", "MA", "US", null);
        var line = new OrderDraftLine(Guid.NewGuid(), Guid.NewGuid(), "E2E-1", "Compiler", "One size", 1, totalMinor, totalMinor, false);
        var draft = new OrderDraft(Guid.NewGuid().ToString("N"), Guid.NewGuid(), customerId, email, "USD", [line], totalMinor, 0, 0, 0, totalMinor, null, "standard", address, address);
        var now = DateTime.UtcNow;
        var order = Order.Create(draft, now);
        order.CompletePlacement(now);
        if (paidToo)
        {
            order.MarkPaid(Guid.NewGuid(), now);
        }

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<OrderingDbContext>();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return order.Number;
    }
}
