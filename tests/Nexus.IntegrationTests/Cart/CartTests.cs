using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Promotions.Domain;
using Nexus.Modules.Promotions.Features.ManageCoupons;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Cart;

/// <summary>
/// The cart through the real host on SQLite: adding with and without JavaScript, stock limits, the price-change notice,
/// updates and removal, coupons, the merge on sign-in, hostile input, the checkout contract and the settings page.
/// </summary>
internal sealed class CartTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory().WithTestAuthentication();
        _ = host.Server;
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task Visitors_without_a_cart_cookie_still_get_cached_token_free_pages_with_an_empty_badge()
    {
        var product = await host.ProductAsync(1500, 5);
        using var visitor = host.CreateClient(new() { AllowAutoRedirect = false });
        foreach (var path in new[] { "/", await ProductPathAsync(product) })
        {
            using var response = await visitor.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Headers.Contains("Set-Cookie").Should().BeFalse($"{path} sets no cookie for a visitor without a cart");
            response.Headers.ETag.Should().NotBeNull($"{path} stays cacheable (decision 0015)");
            var html = await response.Content.ReadAsStringAsync();
            html.Should().NotContain("__RequestVerificationToken", "anonymous pages carry no antiforgery token");
            CartTestShop.TestId(html, "cart-badge").Should().Be("0");
        }

        var page = await visitor.GetStringAsync(await ProductPathAsync(product));
        page.Should().Contain("action=\"/cart/add\"");
    }

    [Test]
    public async Task Adding_without_javascript_lands_on_the_cart_with_the_line_and_the_badge_counts_it()
    {
        var product = await host.ProductAsync(1999, 10);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });

        using var added = await shopper.AddAsync(product, "2");

        added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        added.Headers.Location!.ToString().Should().Be("/cart");
        var cookie = added.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(CartCookie.Name + "=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=lax").And.Contain("max-age=2592000");
        var cart = await shopper.GetStringAsync("/cart");
        CartTestShop.TestId(cart, "cart-message").Should().StartWith("Added 2 ×");
        CartTestShop.LineIds(cart).Should().HaveCount(1);
        CartTestShop.TestId(cart, "cart-subtotal").Should().Be("$39.98");
        CartTestShop.TestId(cart, "cart-tax").Should().Be("$4.00");
        CartTestShop.TestId(cart, "cart-shipping").Should().Be("$5.99");
        CartTestShop.TestId(cart, "cart-total").Should().Be("$49.97");
        CartTestShop.TestId(await shopper.GetStringAsync("/"), "cart-badge").Should().Be("2");
    }

    [Test]
    public async Task Adding_with_javascript_answers_json_and_the_mini_cart_shows_the_lines()
    {
        var first = await host.ProductAsync(1000, 10);
        var second = await host.ProductAsync(2500, 10);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });

        using var one = await shopper.AddAsync(first, "1", json: true);
        using var two = await shopper.AddAsync(second, "3", json: true);

        one.StatusCode.Should().Be(HttpStatusCode.OK);
        var answer = await two.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("ok").GetBoolean().Should().BeTrue();
        answer.GetProperty("itemCount").GetInt32().Should().Be(4);
        var mini = await shopper.GetStringAsync("/cart/mini");
        CartTestShop.TestId(mini, "cart-badge").Should().Be("4");
        CartTestShop.TestId(mini, "mini-cart-subtotal").Should().Be("$85.00");
        mini.Should().NotContain("<html", "the slot alone, for the script to swap in");
    }

    [Test]
    public async Task Quantities_are_limited_by_stock_with_a_message()
    {
        var product = await host.ProductAsync(700, 3);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });

        using var tooMany = await shopper.AddAsync(product, "5", json: true);
        (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString().Should().Contain("Only 3 more");
        using var again = await shopper.AddAsync(product, "1", json: true);
        var answer = await again.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("ok").GetBoolean().Should().BeFalse();
        answer.GetProperty("message").GetString().Should().Contain("as many as you can buy");
        answer.GetProperty("itemCount").GetInt32().Should().Be(3);

        // Stock drops after adding: the cart lowers the line when shown, and says so.
        await host.ChangeProductAsync(product, p => p.AdjustStock(p.Variants[0], -2, DateTime.UtcNow));
        var cart = await shopper.GetStringAsync("/cart");
        CartTestShop.TestId(cart, "cart-notice").Should().Contain("Only 1 of").And.Contain("from 3 to 1");
        cart.Should().Contain("value=\"1\" inputmode");

        await host.ChangeProductAsync(product, p => p.AdjustStock(p.Variants[0], -1, DateTime.UtcNow));
        cart = await shopper.GetStringAsync("/cart");
        cart.Should().Contain("data-testid=\"line-sold-out\"");
        CartTestShop.TestId(cart, "cart-subtotal").Should().Be("$0.00", "a sold-out line is not charged");
        cart.Should().NotContain("data-testid=\"cart-checkout\"");
    }

    [Test]
    public async Task A_price_change_since_adding_is_shown_and_the_current_price_is_charged()
    {
        var product = await host.ProductAsync(1000, 10);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });
        await shopper.AddOkAsync(product, 1);

        await host.ChangeProductAsync(product, p => p.ChangePrice(1200, null, DateTime.UtcNow));

        var cart = await shopper.GetStringAsync("/cart");
        CartTestShop.TestId(cart, "price-changed").Should().Be("The price changed from $10.00 to $12.00 since you added it.");
        CartTestShop.TestId(cart, "cart-subtotal").Should().Be("$12.00");
    }

    [Test]
    public async Task Quantity_update_and_removal_work_as_form_posts_and_as_fetches()
    {
        var product = await host.ProductAsync(1000, 20);
        var other = await host.ProductAsync(300, 20);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });
        await shopper.AddOkAsync(product, 1);
        await shopper.AddOkAsync(other, 1);
        var lines = CartTestShop.LineIds(await shopper.GetStringAsync("/cart"));

        using var update = await shopper.PostFormAsync("/cart", new Dictionary<string, string> { ["lineId"] = lines[0].ToString(), ["quantity"] = "4" }, "Update");
        update.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cart = await shopper.GetStringAsync("/cart");
        CartTestShop.TestId(cart, "cart-message").Should().Be("Quantity updated.");
        CartTestShop.TestId(cart, "cart-subtotal").Should().Be("$43.00");

        var token = FormPoster.TokenOf(cart);
        using var removeRequest = new HttpRequestMessage(HttpMethod.Post, "/cart?handler=Remove")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["lineId"] = lines[1].ToString(), ["__RequestVerificationToken"] = token }),
        };
        removeRequest.Headers.Add("Accept", "application/json");
        using var removed = await shopper.SendAsync(removeRequest);
        removed.StatusCode.Should().Be(HttpStatusCode.OK);
        (await removed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("itemCount").GetInt32().Should().Be(4);

        cart = await shopper.GetStringAsync("/cart");
        CartTestShop.LineIds(cart).Should().Equal(lines[0]);
        using var zero = await shopper.PostFormAsync("/cart", new Dictionary<string, string> { ["lineId"] = lines[0].ToString(), ["quantity"] = "0" }, "Update");
        (await shopper.GetStringAsync("/cart")).Should().Contain("data-testid=\"cart-empty\"");
    }

    [Test]
    public async Task Hostile_input_gets_a_clear_error_or_a_404_and_never_changes_the_total()
    {
        var product = await host.ProductAsync(1000, 10);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });
        await shopper.AddOkAsync(product, 1);
        var before = CartTestShop.TestId(await shopper.GetStringAsync("/cart"), "cart-total");

        foreach (var quantity in new[] { "-1", "0", "99999999999", "abc", "1e3", "", "100", " 2; drop table" })
        {
            using var add = await shopper.AddAsync(product, quantity);
            add.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"quantity '{quantity}'");
            (await add.Content.ReadAsStringAsync()).Should().Contain("Enter a quantity from 1 to 99.");
            using var json = await shopper.AddAsync(product, quantity, json: true);
            json.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            json.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        }

        using (var unknown = await shopper.AddAsync(Guid.NewGuid(), "1"))
        {
            unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using (var garbage = await shopper.AddAsync(Guid.Empty, "1", extra: new Dictionary<string, string> { ["variantId"] = "not-a-guid" }))
        {
            garbage.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        // A price field is never read: the catalog's price is the only price.
        await shopper.AddOkAsync(product, 1);
        using (var tampered = await shopper.AddAsync(product, "1", extra: new Dictionary<string, string> { ["price"] = "1", ["unitPriceMinor"] = "1", ["PriceWhenAddedMinor"] = "1" }))
        {
            tampered.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        var cart = await shopper.GetStringAsync("/cart");
        CartTestShop.TestId(cart, "cart-subtotal").Should().Be("$30.00");

        // Another shopper's line: found nowhere in this shopper's cart.
        using var other = host.CreateClient(new() { AllowAutoRedirect = false });
        await other.AddOkAsync(product, 1);
        var theirLine = CartTestShop.LineIds(await other.GetStringAsync("/cart")).Single();
        foreach (var (handler, fields) in new[]
        {
            ("Update", new Dictionary<string, string> { ["lineId"] = theirLine.ToString(), ["quantity"] = "5" }),
            ("Remove", new Dictionary<string, string> { ["lineId"] = theirLine.ToString() }),
            ("Update", new Dictionary<string, string> { ["lineId"] = "nonsense", ["quantity"] = "5" }),
            ("Update", new Dictionary<string, string> { ["lineId"] = CartTestShop.LineIds(cart).Single().ToString(), ["quantity"] = "-3" }),
            ("Update", new Dictionary<string, string> { ["lineId"] = CartTestShop.LineIds(cart).Single().ToString(), ["quantity"] = "99999999999" }),
        })
        {
            using var response = await shopper.PostFormAsync("/cart", fields, handler);
            ((int)response.StatusCode).Should().BeLessThan(500);
            response.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Redirect);
        }

        CartTestShop.TestId(await other.GetStringAsync("/cart"), "cart-subtotal").Should().Be("$10.00", "the other shopper's cart is untouched");
        CartTestShop.TestId(await shopper.GetStringAsync("/cart"), "cart-subtotal").Should().Be("$30.00");

        // A visitor with no cart (or a forged cookie) changes nothing.
        using var stranger = host.CreateClient(new() { AllowAutoRedirect = false });
        stranger.DefaultRequestHeaders.Add("Cookie", $"{CartCookie.Name}=forged");
        var strangerPage = await stranger.GetStringAsync("/cart");
        strangerPage.Should().Contain("data-testid=\"cart-empty\"");
        before.Should().Be("$16.99");
    }

    [Test]
    public async Task An_anonymous_add_from_another_site_is_refused_and_sets_no_cookie()
    {
        var product = await host.ProductAsync(1000, 10);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });

        using var fromEvil = await shopper.AddAsync(product, "1", tweak: r => r.Headers.Add("Origin", "https://evil.example"));
        using var crossSite = await shopper.AddAsync(product, "1", tweak: r => r.Headers.Add("Sec-Fetch-Site", "cross-site"));
        using var nullOrigin = await shopper.AddAsync(product, "1", tweak: r => r.Headers.Add("Origin", "null"));
        using var sameSite = await shopper.AddAsync(product, "1", tweak: r =>
        {
            r.Headers.Add("Origin", "http://localhost");
            r.Headers.Add("Sec-Fetch-Site", "same-origin");
        });

        fromEvil.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        crossSite.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        nullOrigin.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        CartCookies(fromEvil).Should().BeEmpty("a refused add starts no cart");
        CartCookies(crossSite).Should().BeEmpty();
        sameSite.StatusCode.Should().Be(HttpStatusCode.Redirect, "the shop's own page may post");
    }

    [Test]
    public async Task A_signed_in_shoppers_add_needs_the_antiforgery_token_their_page_carries()
    {
        var product = await host.ProductAsync(1000, 10);
        using var customer = host.CreateClientAs("cart-token-customer", NexusRoles.Customer);

        using var bare = await customer.AddAsync(product, "1");
        bare.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a signed-in post without a token could be cross-site");

        var page = await customer.GetStringAsync(await ProductPathAsync(product));
        var token = FormPoster.TokenOf(page);
        token.Should().NotBeEmpty("the signed-in product page carries a token in its add-to-cart form");
        using var withToken = await customer.AddAsync(product, "2", extra: new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        withToken.StatusCode.Should().Be(HttpStatusCode.Redirect);
        CartCookies(withToken).Should().BeEmpty("a customer's cart needs no cart cookie");
        CartTestShop.TestId(await customer.GetStringAsync("/cart"), "cart-subtotal").Should().Be("$20.00");
    }

    [Test]
    public async Task Signing_in_merges_the_guest_cart_into_the_customers_without_losing_or_doubling()
    {
        var shared = await host.ProductAsync(1000, 50);
        var guestOnly = await host.ProductAsync(500, 50);
        var customerId = "cart-merge-" + Guid.NewGuid().ToString("N")[..8];
        using (var customer = host.CreateClientAs(customerId, NexusRoles.Customer))
        {
            var page = await customer.GetStringAsync(await ProductPathAsync(shared));
            using var added = await customer.AddAsync(shared, "1", extra: new Dictionary<string, string> { ["__RequestVerificationToken"] = FormPoster.TokenOf(page) });
            added.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        using var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        await browser.AddOkAsync(shared, 2);
        await browser.AddOkAsync(guestOnly, 1);
        var guestToken = await GuestTokenAsync(guestOnly);

        // The same browser signs in; its next pages arrive at once (two tabs).
        browser.DefaultRequestHeaders.Add(TestAuthenticationHandler.Header, $"{customerId};{NexusRoles.Customer}");
        var pages = await Task.WhenAll(browser.GetAsync("/"), browser.GetAsync("/cart"), browser.GetAsync("/"));
        foreach (var response in pages)
        {
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            response.Dispose();
        }

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CartDbContext>();
        var carts = await db.Carts.Include(c => c.Lines).Where(c => c.CustomerId == customerId || c.GuestToken == guestToken).ToListAsync();
        var cart = carts.Should().ContainSingle("the guest cart is gone after the merge").Which;
        cart.CustomerId.Should().Be(customerId);
        cart.Lines.Single(l => l.VariantId == shared).Quantity.Should().Be(3, "1 + 2, summed once");
        cart.Lines.Single(l => l.VariantId == guestOnly).Quantity.Should().Be(1);
        CartTestShop.TestId(await browser.GetStringAsync("/"), "cart-badge").Should().Be("4");
    }

    [Test]
    public async Task A_guest_cart_becomes_the_customers_when_they_had_none_and_the_cookie_is_deleted()
    {
        var product = await host.ProductAsync(1000, 50);
        var customerId = "cart-adopt-" + Guid.NewGuid().ToString("N")[..8];
        using var browser = host.CreateClient(new() { AllowAutoRedirect = false });
        await browser.AddOkAsync(product, 2);

        browser.DefaultRequestHeaders.Add(TestAuthenticationHandler.Header, $"{customerId};{NexusRoles.Customer}");
        using var first = await browser.GetAsync("/");

        first.Headers.GetValues("Set-Cookie").Should().Contain(c => c.StartsWith(CartCookie.Name + "=;", StringComparison.Ordinal), "the guest cookie is deleted");
        await using var scope = host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var checkout = await mediator.Send(new GetCartForCheckout(new CartOwner(customerId, null)));
        checkout!.Lines.Single().Quantity.Should().Be(2);
    }

    [Test]
    public async Task Checkout_gets_the_cart_priced_now_with_its_problems_and_checking_out_records_the_order_once_keeping_the_lines()
    {
        var book = await host.ProductAsync(2000, 5);
        var licence = await host.ProductAsync(4000, 0, digital: true);
        var withdrawn = await host.ProductAsync(900, 5);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });
        await shopper.AddOkAsync(book, 2);
        await shopper.AddOkAsync(licence, 1);
        await shopper.AddOkAsync(withdrawn, 1);
        await host.ChangeProductAsync(withdrawn, p => p.Unpublish(DateTime.UtcNow));
        var token = await GuestTokenAsync(book);

        await using var scope = host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var standard = await mediator.Send(new GetCartForCheckout(new CartOwner(null, token)));
        var express = await mediator.Send(new GetCartForCheckout(new CartOwner(null, token), ShippingMethods.Express));

        standard!.Lines.Select(l => l.VariantId).Should().BeEquivalentTo([book, licence], "a withdrawn line is a problem, not a line to buy");
        standard.Problems.Should().ContainSingle().Which.Should().Contain("no longer sold");
        standard.RequiresShipping.Should().BeTrue();
        standard.Totals.Should().Be(new CartTotals(8000, 0, 800, 0, 8800), "80.00 is above the free-shipping threshold");
        express!.Totals.ShippingMinor.Should().Be(0, "the threshold waives shipping whatever the method");
        standard.Currency.Should().Be("USD");

        // Placing an order records the checkout; the cart keeps its lines until the order is paid (decision 0023).
        var orderId = Guid.NewGuid();
        CheckedOutLine[] ordered = [.. standard.Lines.Select(l => new CheckedOutLine(l.VariantId, l.Quantity))];
        (await mediator.Send(new CheckOutCart(standard.CartId, orderId, "NX-CARTTEST", null, ordered))).Should().BeTrue();
        (await mediator.Send(new CheckOutCart(standard.CartId, orderId, "NX-CARTTEST", null, ordered))).Should().BeFalse("idempotent per order");
        (await mediator.Send(new GetCartForCheckout(new CartOwner(null, token))))!.Lines.Should().HaveCount(2, "an unpaid order leaves the cart intact");
        (await mediator.Send(new GetUnpaidCheckouts(standard.CartId))).Select(c => c.OrderNumber).Should().Equal("NX-CARTTEST");
        CartTestShop.TestId(await shopper.GetStringAsync("/"), "cart-badge").Should().Be("4");
        (await shopper.GetStringAsync("/cart")).Should().Contain("Complete payment for order NX-CARTTEST");

        var db = scope.ServiceProvider.GetRequiredService<CartDbContext>();
        var events = await db.Outbox.AsNoTracking().Where(m => m.Name == "cart.cart-updated" && m.Payload.Contains(standard.CartId.ToString())).ToListAsync();
        events.Should().HaveCountGreaterThanOrEqualTo(3, "one CartUpdated per change: three adds");
    }

    [Test]
    public async Task Coupons_apply_and_come_off_in_the_cart_with_a_clear_message_when_a_code_does_not_apply()
    {
        await CouponAsync("CART10", CouponKind.Percent, 10, null, 0);
        await CouponAsync("CARTBIG", CouponKind.FixedAmount, null, 500, 100_000);
        var product = await host.ProductAsync(2000, 10);
        using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });
        await shopper.AddOkAsync(product, 1);

        using (await shopper.PostFormAsync("/cart", new Dictionary<string, string> { ["code"] = "NOSUCHCODE" }, "Coupon"))
        {
        }

        var cart = await shopper.GetStringAsync("/cart");
        CartTestShop.TestId(cart, "cart-message").Should().StartWith("The code NOSUCHCODE does not apply:");
        using (await shopper.PostFormAsync("/cart", new Dictionary<string, string> { ["code"] = "cartbig" }, "Coupon"))
        {
        }

        CartTestShop.TestId(await shopper.GetStringAsync("/cart"), "cart-message").Should().Contain("does not apply");

        using (await shopper.PostFormAsync("/cart", new Dictionary<string, string> { ["code"] = " cart10 " }, "Coupon"))
        {
        }

        cart = await shopper.GetStringAsync("/cart");
        CartTestShop.TestId(cart, "cart-message").Should().StartWith("Code CART10 applied");
        CartTestShop.TestId(cart, "cart-discount").Should().Be("−$2.00");
        CartTestShop.TestId(cart, "cart-tax").Should().Be("$1.80", "tax is on the subtotal after the discount");
        CartTestShop.TestId(cart, "cart-total").Should().Be("$25.79");

        using (await shopper.PostFormAsync("/cart", new Dictionary<string, string>(), "RemoveCoupon"))
        {
        }

        cart = await shopper.GetStringAsync("/cart");
        CartTestShop.TestId(cart, "cart-message").Should().Be("Code CART10 removed.");
        cart.Should().NotContain("data-testid=\"cart-discount\"");
        CartTestShop.TestId(cart, "cart-total").Should().Be("$27.99");
    }

    [Test]
    public async Task The_settings_page_is_edited_by_admin_read_by_support_and_refused_to_customers()
    {
        using var admin = host.CreateClientAs("cart-settings-admin", NexusRoles.Admin);
        using var support = host.CreateClientAs("cart-settings-support", NexusRoles.Support);
        using var customer = host.CreateClientAs("cart-settings-customer", NexusRoles.Customer);

        (await customer.GetAsync("/admin/settings/checkout")).StatusCode.Should().NotBe(HttpStatusCode.OK);
        var readOnly = await support.GetStringAsync("/admin/settings/checkout");
        readOnly.Should().Contain("data-testid=\"settings-read-only\"").And.Contain("value=\"10\"").And.Contain("value=\"50.00\"").And.Contain("value=\"5.99\"").And.Contain("value=\"14.99\"");
        using (var refused = await support.PostFormAsync("/admin/settings/checkout", Settings("20", "10.00", "1.00", "2.00")))
        {
            var refusedToStatusPage = refused.StatusCode == HttpStatusCode.Redirect && refused.Headers.Location!.ToString().Contains("/status/403", StringComparison.Ordinal);
            (refusedToStatusPage || refused.StatusCode == HttpStatusCode.Forbidden).Should().BeTrue("Support reads but may not change the settings");
        }

        using (var invalid = await admin.PostFormAsync("/admin/settings/checkout", Settings("ten", "-5", "5.999", "")))
        {
            invalid.StatusCode.Should().Be(HttpStatusCode.OK);
            var html = await invalid.Content.ReadAsStringAsync();
            html.Should().Contain("Enter the tax rate as a percentage").And.Contain("Enter an amount such as 50.00").And.Contain("value=\"ten\"");
        }

        using (var tooHigh = await admin.PostFormAsync("/admin/settings/checkout", Settings("150", "50", "5.99", "14.99")))
        {
            (await tooHigh.Content.ReadAsStringAsync()).Should().Contain("between 0% and 100%");
        }

        try
        {
            using var saved = await admin.PostFormAsync("/admin/settings/checkout", Settings("7.5", "100.00", "4.00", "9.00"));
            saved.StatusCode.Should().Be(HttpStatusCode.Redirect);
            var product = await host.ProductAsync(6000, 10);
            using var shopper = host.CreateClient(new() { AllowAutoRedirect = false });
            await shopper.AddOkAsync(product, 1);
            var cart = await shopper.GetStringAsync("/cart");
            CartTestShop.TestId(cart, "cart-tax").Should().Be("$4.50");
            CartTestShop.TestId(cart, "cart-shipping").Should().Be("$4.00", "60.00 is below the new 100.00 threshold");
        }
        finally
        {
            using var restored = await admin.PostFormAsync("/admin/settings/checkout", Settings("10", "50.00", "5.99", "14.99"));
        }
    }

    private static IEnumerable<string> CartCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith(CartCookie.Name + "=", StringComparison.Ordinal)) : [];

    private static Dictionary<string, string> Settings(string tax, string threshold, string standard, string express) => new()
    {
        ["Input.TaxRatePercent"] = tax,
        ["Input.FreeShippingThreshold"] = threshold,
        ["Input.StandardShipping"] = standard,
        ["Input.ExpressShipping"] = express,
    };

    private async Task CouponAsync(string code, CouponKind kind, int? percent, long? amount, long minimum)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var result = await mediator.Send(new SaveCoupon(null, code, code + " test coupon", kind, percent, amount, null, null, minimum, null, null, true));
        result.Outcome.Should().BeOneOf(SaveCouponOutcome.Saved, SaveCouponOutcome.DuplicateCode);
    }

    private async Task<string> ProductPathAsync(Guid productId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var slug = await scope.ServiceProvider.GetRequiredService<Nexus.Modules.Catalog.Data.CatalogDbContext>().Products.Where(p => p.Id == productId).Select(p => p.Slug).SingleAsync();
        return "/products/" + slug;
    }

    /// <summary>The token of the guest cart holding <paramref name="variantId"/> (each test's products are its own).</summary>
    private async Task<string> GuestTokenAsync(Guid variantId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CartDbContext>();
        return (await db.Carts.AsNoTracking().Where(c => c.GuestToken != null && c.Lines.Any(l => l.VariantId == variantId)).Select(c => c.GuestToken).SingleAsync())!;
    }
}
