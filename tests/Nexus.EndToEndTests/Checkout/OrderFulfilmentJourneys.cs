using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.EndToEndTests.SubApps;
using MediatR;
using Nexus.Modules.Catalog.Contracts.Products;
using Nexus.Modules.Ordering.Data;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.EndToEndTests.Checkout;

/// <summary>
/// Issue 16's journeys, on the same host and with the same shopper steps as the buying journeys: a customer buys,
/// an admin in a browser of their own finds the order in the back office and ships it, refunds a line — and the
/// customer sees each on their order page; a customer cancels their own unshipped order and its stock comes back.
/// </summary>
internal sealed partial class CheckoutJourneyTests
{
    [Test]
    public async Task An_admin_filters_to_paid_orders_ships_one_with_a_tracking_number_and_the_customer_sees_the_tracking_link()
    {
        var (customer, number) = await CustomerBuysAsync("grace", Mouse);
        var admin = await AdminAsync();

        await admin.GotoAsync(new Uri(baseAddress, "/admin/orders").ToString());
        var filters = admin.GetByTestId("order-filters");
        await filters.GetByLabel("Order number or e-mail", new() { Exact = true }).FillAsync(number);
        await filters.GetByLabel("Payment", new() { Exact = true }).SelectOptionAsync("paid");
        await admin.GetByTestId("apply-filters").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("order-row")).ToHaveCountAsync(1);
        await admin.GetByTestId("order-row").First.GetByTestId("order-link").ClickAsync();

        await Assertions.Expect(admin.GetByTestId("order-number")).ToHaveTextAsync(number);
        await admin.GetByTestId("ship-carrier").SelectOptionAsync("ups");
        await admin.GetByTestId("ship-tracking").FillAsync("1Z999AA10123456784");
        await admin.GetByTestId("ship-submit").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("admin-message")).ToHaveTextAsync("The order has shipped.");
        await Assertions.Expect(admin.GetByTestId("order-status")).ToHaveTextAsync("Shipped");

        await customer.GotoAsync(new Uri(baseAddress, $"/account/orders/{number}").ToString());
        await Assertions.Expect(customer.GetByTestId("order-status")).ToContainTextAsync("Shipped");
        await Assertions.Expect(customer.GetByTestId("tracking-link")).ToHaveAttributeAsync("href", "https://www.ups.com/track?tracknum=1Z999AA10123456784");
        await Assertions.Expect(customer.GetByTestId("cancel-order")).ToHaveCountAsync(0);
        await admin.Context.CloseAsync();
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task An_admin_refunds_one_line_and_the_customer_sees_the_refund()
    {
        var (customer, number) = await CustomerBuysAsync("hedy", Mouse, Cable);
        var admin = await AdminAsync();

        await admin.GotoAsync(new Uri(baseAddress, $"/admin/orders/{number}").ToString());
        var refund = admin.GetByTestId("refund-form");
        await refund.GetByLabel("Braided USB-C Cable", new() { Exact = false }).FillAsync("1");
        await refund.GetByTestId("refund-reason").FillAsync("Cable arrived frayed");
        await refund.GetByTestId("refund-submit").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("admin-message")).ToContainTextAsync("A refund of");

        // The provider confirms through its webhook a moment later; the customer's page shows the refund once it has.
        var refunds = customer.GetByTestId("order-refund");
        for (var attempt = 1; ; attempt++)
        {
            await customer.GotoAsync(new Uri(baseAddress, $"/account/orders/{number}").ToString());
            if (await refunds.Filter(new() { HasText = "refunded to your card" }).CountAsync() == 1 || attempt == 40)
            {
                break;
            }

            await Task.Delay(250);
        }

        await Assertions.Expect(refunds).ToHaveCountAsync(1);
        await Assertions.Expect(refunds.First).ToContainTextAsync("Cable arrived frayed");
        await Assertions.Expect(refunds.First).ToContainTextAsync("refunded to your card");
        await admin.Context.CloseAsync();
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_customer_cancels_an_unshipped_order_and_its_stock_comes_back()
    {
        var (customer, number) = await CustomerBuysAsync("joan", Keyboard);
        var sold = await AvailableAsync(number);

        await customer.GotoAsync(new Uri(baseAddress, $"/account/orders/{number}").ToString());
        await customer.GetByTestId("cancel-order").ClickAsync();
        await Assertions.Expect(customer.GetByTestId("order-message")).ToContainTextAsync("The order is cancelled");
        await Assertions.Expect(customer.GetByTestId("order-status")).ToContainTextAsync("Cancelled");
        await Assertions.Expect(customer.GetByTestId("cancel-order")).ToHaveCountAsync(0);
        (await AvailableAsync(number)).Should().Be(sold + 1, "the cancelled order's unit is back on sale");
        AssertNoConsoleErrors();
    }

    /// <summary>A new customer, signed in in this test's page, buys <paramref name="products"/> (one each) with the success card.</summary>
    private async Task<(IPage Customer, string Number)> CustomerBuysAsync(string name, params string[] products)
    {
        var email = $"{name}-{Guid.NewGuid():N}@example.com";
        await LicensingWorld.CreateUserAsync(host, email, NexusRoles.Customer);
        await LicensingWorld.SignInWithPasswordAsync(Page, baseAddress, email);
        foreach (var product in products)
        {
            await AddToCartAsync(Page, product);
        }

        await Page.GotoAsync(new Uri(baseAddress, "/cart").ToString());
        await Page.GetByTestId("cart-checkout").ClickAsync();
        await FillAddressAsync(Page);
        await Page.GetByTestId("shipping-methods").GetByLabel("Standard").CheckAsync();
        var total = await ReviewAsync(Page);
        return (Page, await PlaceAsync(Page, SuccessCard, total));
    }

    /// <summary>A member of staff with the Admin role, signed in in a browser context of their own.</summary>
    private async Task<IPage> AdminAsync()
    {
        var email = $"admin-{Guid.NewGuid():N}@example.com";
        await LicensingWorld.CreateUserAsync(host, email, NexusRoles.Admin);
        var context = await Context.Browser!.NewContextAsync(ContextOptions());
        var page = await context.NewPageAsync();
        await LicensingWorld.SignInWithPasswordAsync(page, baseAddress, email);
        return page;
    }

    /// <summary>How many units of the order's (one) product the shop can sell now, as the cart and checkout see it.</summary>
    private static async Task<int> AvailableAsync(string number)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var variantId = await scope.ServiceProvider.GetRequiredService<OrderingDbContext>().Orders.AsNoTracking()
            .Where(o => o.Number == number).SelectMany(o => o.Lines).Select(l => l.VariantId).SingleAsync();
        var variants = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new GetPurchasableVariants([variantId]));
        return variants.Single().Available;
    }
}
