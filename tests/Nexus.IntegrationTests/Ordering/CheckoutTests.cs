using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Catalog.Data;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Ordering.Domain;
using Nexus.Modules.Ordering.Features.Cancellation;
using Nexus.Testing.Hosting;
using Nexus.Modules.Ordering.Features;

namespace Nexus.IntegrationTests.Ordering;

/// <summary>
/// Issue 15, checkout and orders on the real host (SQLite): a guest buys with each test card, the idempotency key
/// makes a double submit one order, a declined card keeps the order and its stock, the challenge card goes through the
/// provider's page and back, the slow card is settled by the webhook, the unpaid-order job gives stock back, and the
/// order's pages are its buyer's alone.
/// </summary>
internal sealed class CheckoutTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = OrderingShop.Host();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task A_guest_buys_two_products_with_the_success_card_and_sees_the_confirmation()
    {
        var lamp = await host.ProductAsync("CHK-LAMP", 5, 2500);
        var mug = await host.ProductAsync("CHK-MUG", 5, 900);
        using var guest = host.Guest();
        await guest.AddToCartAsync(lamp, 2);
        await guest.AddToCartAsync(mug);
        var (token, key) = await guest.StartCheckoutAsync();

        using var placed = await guest.PlaceAsync(token, OrderingShop.Details(key));

        var location = placed.Location();
        location.Should().StartWith("/checkout/confirmation/NX-");
        var number = OrderingShop.NumberIn(location);
        var order = await host.OrderAsync(number);
        order.Status.Should().Be(OrderStatus.Paid);
        order.CustomerId.Should().BeNull();
        order.Email.Should().Be("ada@example.com");
        order.Lines.Should().HaveCount(2);
        order.SubtotalMinor.Should().Be((2 * 2500) + 900);
        order.TotalMinor.Should().Be(order.SubtotalMinor - order.DiscountMinor + order.TaxMinor + order.ShippingMinor);
        order.History.Select(h => h.To).Should().Equal(OrderStatus.Pending, OrderStatus.Paid);
        (await host.StockAsync(lamp)).Should().Be(3);
        (await host.StockAsync(mug)).Should().Be(4);
        await Eventually.TrueAsync(async () => await CatalogAsync(db => db.StockReservations.CountAsync(r => r.OrderReference == number && r.Status == Nexus.Modules.Catalog.Domain.StockReservationStatus.Sold)) == 2, TimeSpan.FromSeconds(10), "the reservation became a sale");

        var page = await guest.GetStringAsync(location);
        page.Should().Contain(number).And.Contain("is confirmed");
        using var stranger = host.Guest();
        (await stranger.GetAsync(location)).StatusCode.Should().Be(HttpStatusCode.NotFound, "another browser does not see a guest's order");
        await Eventually.TrueAsync(async () => !(await guest.GetStringAsync("/cart")).Contains("CHK-LAMP", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the paid lines left the cart");

        var outbox = await host.OrderingAsync(db => db.Outbox.AsNoTracking().Select(m => new { m.Name, m.Payload }).ToListAsync());
        outbox.Where(m => m.Payload.Contains(order.Id.ToString())).Select(m => m.Name).Should().Contain("ordering.order-placed");
    }

    [Test]
    public async Task A_double_submit_and_a_retried_post_with_the_same_key_make_one_order()
    {
        var variant = await host.ProductAsync("CHK-TWICE", 10);
        using var guest = host.Guest();
        await guest.AddToCartAsync(variant);
        var (token, key) = await guest.StartCheckoutAsync();
        var fields = OrderingShop.Details(key);

        var doubleClick = await Task.WhenAll(guest.PlaceAsync(token, fields), guest.PlaceAsync(token, fields));
        using var retried = await guest.PlaceAsync(token, fields);

        var numbers = doubleClick.Append(retried).Select(r => OrderingShop.NumberIn(r.Location())).Distinct().ToList();
        numbers.Should().ContainSingle("every post with the same key lands on the same order");
        (await host.OrderingAsync(db => db.Orders.CountAsync(o => o.IdempotencyKey == key))).Should().Be(1);
        (await host.StockAsync(variant)).Should().Be(9, "one order took one item");
        (await host.OrderAsync(numbers[0])).Status.Should().Be(OrderStatus.Paid);
        foreach (var response in doubleClick)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task A_declined_card_keeps_the_order_unpaid_with_its_stock_and_shows_the_message_then_another_card_pays()
    {
        var variant = await host.ProductAsync("CHK-DECLINE", 4);
        using var guest = host.Guest();

        using var declined = await guest.BuyAsync(variant, OrderingShop.DeclineCard, quantity: 2);

        var location = declined.Location();
        location.Should().StartWith("/checkout/pay/NX-");
        var number = OrderingShop.NumberIn(location);
        var page = await guest.GetStringAsync(location);
        page.Should().Contain("Your payment did not go through").And.Contain("declined");
        (await host.OrderAsync(number)).Status.Should().Be(OrderStatus.Pending);
        (await host.StockAsync(variant)).Should().Be(2, "the order still holds its items");
        await Eventually.TrueAsync(
            async () => (await host.OrderingAsync(db => db.Outbox.CountAsync(m => m.Name == "ordering.order-payment-failed" && m.Payload.Contains(number)))) == 1,
            TimeSpan.FromSeconds(10),
            "OrderPaymentFailed is published once for the declined attempt");

        using var paid = await guest.PostFormAsync(location, new Dictionary<string, string> { ["CardNumber"] = OrderingShop.SuccessCard });

        paid.Location().Should().Be($"/checkout/confirmation/{number}");
        (await host.OrderAsync(number)).Status.Should().Be(OrderStatus.Paid);
        (await host.StockAsync(variant)).Should().Be(2);
    }

    [Test]
    public async Task A_declined_card_leaves_the_cart_intact_with_a_link_to_pay_and_checking_out_again_replaces_the_unpaid_order()
    {
        var kettle = await host.ProductAsync("CHK-KEEP", 3);
        var tea = await host.ProductAsync("CHK-KEEP-TEA", 10);
        using var guest = host.Guest();
        await guest.AddToCartAsync(tea);
        using var declined = await guest.BuyAsync(kettle, OrderingShop.DeclineCard, quantity: 3);
        var first = OrderingShop.NumberIn(declined.Location());
        (await host.StockAsync(kettle)).Should().Be(0, "the unpaid order holds all three");

        var cart = await guest.GetStringAsync("/cart");
        cart.Should().Contain("CHK-KEEP-1").And.Contain("CHK-KEEP-TEA-1", "a declined card leaves the cart as it was");
        cart.Should().Contain($"Complete payment for order {first}").And.Contain($"href=\"/checkout/pay/{first}\"");
        cart.Should().NotContain("sold out", "the stock the shopper's own order holds is not someone else's");
        var (token, key) = await guest.StartCheckoutAsync();
        (await guest.GetStringAsync("/checkout")).Should().Contain($"Complete payment for order {first}");

        using var paid = await guest.PlaceAsync(token, OrderingShop.Details(key));

        var second = OrderingShop.NumberIn(paid.Location());
        second.Should().NotBe(first);
        (await host.OrderAsync(second)).Status.Should().Be(OrderStatus.Paid);
        var replaced = await host.OrderAsync(first);
        replaced.Status.Should().Be(OrderStatus.Cancelled, "a new checkout from the same cart replaces the unpaid order");
        replaced.ReleasedAt.Should().NotBeNull();
        (await host.StockAsync(kettle)).Should().Be(0, "the stock is held once: by the paid order, not twice");
        await Eventually.TrueAsync(
            async () => await guest.GetStringAsync("/cart") is var page && !page.Contains("CHK-KEEP", StringComparison.Ordinal) && !page.Contains("Complete payment", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "once paid, the ordered lines leave the cart and no payment is asked for");
    }

    [Test]
    public async Task Paying_the_declined_order_later_removes_exactly_its_lines_from_the_cart()
    {
        var lamp = await host.ProductAsync("CHK-LATER", 5);
        var extra = await host.ProductAsync("CHK-LATER-EXTRA", 5);
        using var guest = host.Guest();
        using var declined = await guest.BuyAsync(lamp, OrderingShop.DeclineCard, quantity: 2);
        var location = declined.Location();
        await guest.AddToCartAsync(lamp, 1);
        await guest.AddToCartAsync(extra, 1);

        using var paid = await guest.PostFormAsync(location, new Dictionary<string, string> { ["CardNumber"] = OrderingShop.SuccessCard });

        paid.Location().Should().StartWith("/checkout/confirmation/");
        await Eventually.TrueAsync(
            async () => await guest.GetStringAsync("/cart") is var page && !page.Contains("Complete payment", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10),
            "the payment settles the cart's checkout");
        var cart = await guest.GetStringAsync("/cart");
        cart.Should().Contain("CHK-LATER-EXTRA-1", "a line added after the order stays");
        System.Text.RegularExpressions.Regex.Match(cart, @"data-sku=""CHK-LATER-1""[\s\S]*?value=""(\d+)""").Groups[1].Value.Should().Be("1", "of three, the two ordered left the cart");
    }

    [Test]
    public async Task The_requires_action_card_goes_through_the_challenge_page_and_back_to_the_confirmation()
    {
        var variant = await host.ProductAsync("CHK-3DS", 3);
        using var guest = host.Guest();

        using var challenged = await guest.BuyAsync(variant, OrderingShop.ChallengeCard);

        var challengeUrl = challenged.Location();
        challengeUrl.Should().StartWith("http://localhost/_stub-provider/challenge/pi_");
        var challengePath = new Uri(challengeUrl).AbsolutePath;
        using var answer = await guest.PostFormAsync(challengePath, new Dictionary<string, string> { ["outcome"] = "complete" });
        var back = answer.Location();
        back.Should().StartWith("http://localhost/checkout/payment/return?order=NX-").And.Contain("payment_intent=pi_");

        using var returned = await guest.GetAsync(new Uri(back).PathAndQuery);

        var number = OrderingShop.NumberIn(back);
        returned.Location().Should().Be($"/checkout/confirmation/{number}");
        (await host.OrderAsync(number)).Status.Should().Be(OrderStatus.Paid);
    }

    [Test]
    public async Task The_slow_card_shows_the_confirming_page_until_the_webhook_settles_the_payment()
    {
        var variant = await host.ProductAsync("CHK-SLOW", 3);
        using var guest = host.Guest();

        using var slow = await guest.BuyAsync(variant, OrderingShop.SlowCard);

        var location = slow.Location();
        location.Should().StartWith("/checkout/processing/NX-");
        var number = OrderingShop.NumberIn(location);
        await Eventually.TrueAsync(async () => (await host.OrderAsync(number)).Status == OrderStatus.Paid, TimeSpan.FromSeconds(30), "the webhook (or reconciliation) marks the order paid");
        using var settled = await guest.GetAsync(location);
        settled.Location().Should().Be($"/checkout/confirmation/{number}");
        (await host.OrderingAsync(db => db.Outbox.CountAsync(m => m.Name == "ordering.order-paid" && m.Payload.Contains(number)))).Should().Be(0, "a guest's OrderPaid waits for the customer (no customer id to give Licensing)");
    }

    [Test]
    public async Task A_signed_in_customer_buys_a_digital_product_and_Licensing_issues_its_key()
    {
        var software = await host.ProductAsync("CHK-APP", 0, 4900, digital: true);
        using var customer = host.CreateClientAs("customer-digital", "Customer");

        using var placed = await customer.BuyAsync(software);

        var number = OrderingShop.NumberIn(placed.Location());
        var order = await host.OrderAsync(number);
        order.CustomerId.Should().Be("customer-digital");
        order.ShippingMethod.Should().BeNull("nothing is shipped");
        order.ShippingMinor.Should().Be(0);
        await Eventually.TrueAsync(
            async () =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<LicensingDbContext>().Keys.AnyAsync(k => k.OrderId == order.Id && k.CustomerId == "customer-digital");
            },
            TimeSpan.FromSeconds(20),
            "OrderPaid reached Licensing, which issued the key");

        var history = await customer.GetStringAsync("/account/orders");
        history.Should().Contain(number);
        var detail = await customer.GetStringAsync($"/account/orders/{number}");
        detail.Should().Contain("Paid").And.Contain("Payment received");
        using var other = host.CreateClientAs("another-customer", "Customer");
        (await other.GetAsync($"/account/orders/{number}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/checkout/confirmation/{number}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await other.GetAsync($"/checkout/pay/{number}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_order_left_unpaid_is_cancelled_by_the_job_and_its_stock_comes_back()
    {
        var variant = await host.ProductAsync("CHK-UNPAID", 6);
        using var guest = host.Guest();
        using var declined = await guest.BuyAsync(variant, OrderingShop.DeclineCard, quantity: 4);
        var number = OrderingShop.NumberIn(declined.Location());
        (await host.StockAsync(variant)).Should().Be(2);
        await host.OrderingAsync(db => db.Orders.Where(o => o.Number == number).ExecuteUpdateAsync(s => s.SetProperty(o => o.CreatedAt, DateTime.UtcNow.AddHours(-2))));

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var (cancelled, released) = await scope.ServiceProvider.GetRequiredService<UnpaidOrderSweep>().RunAsync(CancellationToken.None);
            cancelled.Should().BeGreaterThanOrEqualTo(1);
            released.Should().BeGreaterThanOrEqualTo(1);
        }

        var order = await host.OrderAsync(number);
        order.Status.Should().Be(OrderStatus.Cancelled);
        order.ReleasedAt.Should().NotBeNull();
        (await host.StockAsync(variant)).Should().Be(6, "the stock is back on sale");
        (await host.OrderingAsync(db => db.Outbox.CountAsync(m => m.Name == "ordering.order-cancelled" && m.Payload.Contains(number)))).Should().Be(1);
        using var page = await guest.GetAsync($"/checkout/pay/{number}");
        page.Location().Should().Be($"/checkout/confirmation/{number}", "a cancelled order cannot be paid any more");
    }

    [Test]
    public async Task Tampered_totals_and_prices_in_the_post_change_nothing()
    {
        var variant = await host.ProductAsync("CHK-TAMPER", 5, 10_000);
        using var guest = host.Guest();
        await guest.AddToCartAsync(variant);
        var (token, key) = await guest.StartCheckoutAsync();
        var fields = OrderingShop.Details(key);
        fields["Input.TotalMinor"] = "1";
        fields["Input.UnitPriceMinor"] = "1";
        fields["TotalMinor"] = "1";
        fields["Lines[0].UnitPriceMinor"] = "1";

        using var placed = await guest.PlaceAsync(token, fields);

        var order = await host.OrderAsync(OrderingShop.NumberIn(placed.Location()));
        order.SubtotalMinor.Should().Be(10_000);
        order.Lines.Single().UnitPriceMinor.Should().Be(10_000);
        order.TotalMinor.Should().BeGreaterThan(10_000);
    }

    [Test]
    public async Task A_total_posted_from_an_older_review_is_refused_with_a_message_and_no_order()
    {
        var variant = await host.ProductAsync("CHK-STALE", 5, 2000);
        using var guest = host.Guest();
        await guest.AddToCartAsync(variant);
        var (token, key) = await guest.StartCheckoutAsync();
        var fields = OrderingShop.Details(key);
        fields["Input.ExpectedTotalMinor"] = "1";

        using var response = await guest.PlaceAsync(token, fields);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Your cart changed since you reviewed it");
        (await host.OrderingAsync(db => db.Orders.CountAsync(o => o.IdempotencyKey == key))).Should().Be(0);
    }

    [Test]
    public async Task Hostile_input_gets_a_clear_answer_never_a_server_error()
    {
        var variant = await host.ProductAsync("CHK-HOSTILE", 5);
        using var guest = host.Guest();
        await guest.AddToCartAsync(variant);
        var (token, key) = await guest.StartCheckoutAsync();

        (await guest.GetAsync("/checkout/confirmation/NX-ZZZZZZZZ")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await guest.GetAsync("/checkout/pay/../../etc")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await guest.GetAsync("/checkout/payment/return?order=%27%3B--&payment_intent=pi_x")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await guest.GetAsync("/checkout/processing/NX-00000000")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var badKey = OrderingShop.Details("not-a-key");
        (await guest.PlaceAsync(token, badKey)).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var badCard = OrderingShop.Details(key, card: "4242-abcd");
        using (var response = await guest.PlaceAsync(token, badCard))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).Should().Contain("A card number has only digits");
        }

        var badAddress = OrderingShop.Details(key);
        badAddress["Input.CountryCode"] = "Narnia";
        badAddress["Input.Email"] = "not an address";
        badAddress["Input.ShippingMethod"] = "teleport";
        using (var response = await guest.PlaceAsync(token, badAddress))
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            var html = await response.Content.ReadAsStringAsync();
            html.Should().Contain("Enter the e-mail address").And.Contain("Choose a shipping method");
        }

        (await host.OrderingAsync(db => db.Orders.CountAsync(o => o.IdempotencyKey == key))).Should().Be(0, "nothing was placed from bad input");

        using var empty = host.Guest();
        var emptyCheckout = await empty.GetAsync("/checkout");
        emptyCheckout.Location().Should().Be("/cart", "an empty cart has nothing to check out");
    }

    [Test]
    public async Task A_guests_paid_digital_order_joins_the_account_confirmed_with_its_address_and_gets_its_key()
    {
        var software = await host.ProductAsync("CHK-CLAIM", 0, 2900, digital: true);
        using var guest = host.Guest();
        await guest.AddToCartAsync(software);
        var (token, key) = await guest.StartCheckoutAsync();
        using var placed = await guest.PlaceAsync(token, OrderingShop.Details(key, email: "claimer@example.com"));
        var number = OrderingShop.NumberIn(placed.Location());
        (await host.OrderAsync(number)).PaidEventAwaitsCustomer.Should().BeTrue();

        // An account with the same address, not (yet) confirmed: nothing is claimed.
        var user = await Identity.IdentityTestUsers.CreateAsync(host, "claimer@example.com", "Customer");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Nexus.Modules.Identity.Data.ShopUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            stored!.EmailConfirmed = false;
            (await users.UpdateAsync(stored)).Succeeded.Should().BeTrue();
        }

        using var customer = host.CreateClientAs(user.Id, "Customer");
        (await customer.GetStringAsync("/account/orders")).Should().NotContain(number, "never before the address is confirmed");
        (await host.OrderAsync(number)).CustomerId.Should().BeNull();

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Nexus.Modules.Identity.Data.ShopUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            stored!.EmailConfirmed = true;
            (await users.UpdateAsync(stored)).Succeeded.Should().BeTrue();
        }

        (await customer.GetStringAsync("/account/orders")).Should().Contain(number);
        var order = await host.OrderAsync(number);
        order.CustomerId.Should().Be(user.Id);
        order.PaidEventAwaitsCustomer.Should().BeFalse();
        await Eventually.TrueAsync(
            async () =>
            {
                await using var scope = host.Services.CreateAsyncScope();
                return await scope.ServiceProvider.GetRequiredService<LicensingDbContext>().Keys.AnyAsync(k => k.OrderId == order.Id && k.CustomerId == user.Id);
            },
            TimeSpan.FromSeconds(20),
            "the claimed order's OrderPaid reached Licensing");
        (await customer.GetStringAsync($"/account/orders/{number}")).Should().Contain("Linked to your account");
    }

    private async Task<T> CatalogAsync<T>(Func<CatalogDbContext, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<CatalogDbContext>());
    }
}
