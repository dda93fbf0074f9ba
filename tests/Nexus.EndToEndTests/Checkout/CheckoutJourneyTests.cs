using System.Text.RegularExpressions;
using Nexus.EndToEndTests.SubApps;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.EndToEndTests.Checkout;

/// <summary>
/// Issue 15's buying journeys in Chromium against a real Kestrel host with the demo catalog and the in-host NexusPay
/// stub: a guest buys two products with the success card (with and without JavaScript); a signed-in customer buys a
/// digital product and the key appears in the Licensing tab left open in another page; a declined card shows its
/// message on the order's payment page, which keeps the lines, and another card pays; the challenge card goes through
/// the provider's page and back to the confirmation. Decision 0023: insufficient funds leaves the cart intact with a
/// link back to the payment; a failed challenge returns with its message and the order unpaid; the slow card ends
/// paid through the webhook. Nothing goes through the database: the shopper's pages only.
/// </summary>
internal sealed partial class CheckoutJourneyTests : BrowserTest
{
    private const string SuccessCard = "4242 4242 4242 4242";
    private const string DeclineCard = "4000 0000 0000 0002";
    private const string ChallengeCard = "4000 0027 6000 3184";
    private const string InsufficientFundsCard = "4000 0000 0000 9995";
    private const string SlowCard = "4000 0000 0000 0408";

    private const string Keyboard = "/products/mechanical-keyboard-k2";
    private const string Mouse = "/products/ergonomic-mouse-m5";
    private const string Cable = "/products/braided-usb-c-cable-2-m";

    /// <summary>Digital (Licensing issues a key for it), a hand-written demo product.</summary>
    private const string Licence = "/products/nexus-pro-licence-1-year";
    private const string LicenceName = "Nexus Pro Licence (1 year)";

    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static void StartHost()
    {
        host = new NexusHostFactory(new Dictionary<string, string?>
        {
            // The stub's webhooks soon, so the challenge and the paid order settle within a test's patience.
            ["Modules:NexusPay:DispatchInterval"] = "00:00:00.100",
            ["Modules:NexusPay:WebhookDelay"] = "00:00:00.200",
            ["Modules:NexusPay:WebhookRetryDelay"] = "00:00:00.200",
            // The slow card answers after 4 s, past the shop's 2-second provider timeout (so the shopper sees the
            // confirming page), instead of 30 s; its webhook then settles it and the page's 3-second refresh finds it paid.
            ["Modules:NexusPay:SlowCardDelay"] = "00:00:04",
            ["Modules:Payments:Provider:Timeout"] = "00:00:02",
            // Every journey shops from 127.0.0.1: the per-address limits are not what these journeys test.
            ["Modules:Ordering:CheckoutRequestsPerMinute"] = "100000",
            ["Modules:Cart:ChangesPerMinute"] = "100000",
        });
        baseAddress = host.StartKestrel();
    }

    [OneTimeTearDown]
    public static void StopHost() => host.Dispose();

    [Test]
    public async Task A_guest_adds_two_products_pays_with_the_success_card_and_sees_the_confirmation()
    {
        await GuestBuysTwoProductsAsync(Page);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task Without_JavaScript_a_guest_adds_two_products_pays_with_the_success_card_and_sees_the_confirmation()
    {
        var browser = await ChromiumBrowser.SharedAsync();
        var options = ContextOptions();
        options.JavaScriptEnabled = false;
        var noScript = await browser.NewContextAsync(options);
        try
        {
            await GuestBuysTwoProductsAsync(await noScript.NewPageAsync());
        }
        finally
        {
            await noScript.CloseAsync();
        }
    }

    [Test]
    public async Task A_signed_in_customer_buys_a_digital_product_and_its_key_appears_in_the_Licensing_tab_left_open()
    {
        var email = $"dana-{Guid.NewGuid():N}@example.com";
        var customer = await LicensingWorld.CreateUserAsync(host, email, NexusRoles.Customer);
        await LicensingWorld.SignInWithPasswordAsync(Page, baseAddress, email);
        await LicensingTabJourney.OpenTabAsync(Page, baseAddress);
        await Assertions.Expect(LicensingTabJourney.Frame(Page).GetByTestId("no-keys")).ToBeVisibleAsync();
        await Page.EvaluateAsync("() => { window.__licensingTabLeftOpen = 1; }");

        // The purchase happens in another page of the same browser; the Licensing tab is left as it is.
        var shop = await Context.NewPageAsync();
        string number = "";
        var timing = await LiveKeys.PublishAndTimeAsync(Page, host, customer, async () =>
        {
            await AddToCartAsync(shop, Licence);
            await shop.GotoAsync(new Uri(baseAddress, "/cart").ToString());
            await shop.GetByTestId("cart-checkout").ClickAsync();
            await Assertions.Expect(shop.GetByRole(AriaRole.Heading, new() { Name = "Checkout", Exact = true })).ToBeVisibleAsync();
            await Assertions.Expect(shop.GetByText("Digital products only: nothing to ship.")).ToBeVisibleAsync();
            await Assertions.Expect(shop.GetByLabel("E-mail address")).ToHaveValueAsync(email);
            await FillAddressAsync(shop);
            var total = await ReviewAsync(shop);
            number = await PlaceAsync(shop, SuccessCard, total);
            await Assertions.Expect(shop.GetByText("Your licence keys appear in your account's Licenses tab in a moment.")).ToBeVisibleAsync();
        });

        var frame = LicensingTabJourney.Frame(Page);
        await Assertions.Expect(frame.GetByRole(AriaRole.Heading, new() { Name = LicenceName })).ToBeVisibleAsync();
        await Assertions.Expect(frame.GetByTestId("license-key")).ToHaveCountAsync(1);
        await Assertions.Expect(frame.GetByTestId("no-keys")).ToHaveCountAsync(0);
        (await Page.EvaluateAsync<bool>("() => window.__licensingTabLeftOpen === 1")).Should().BeTrue("the key arrived without a reload of the tab");
        // From Licensing's commit, the live path only (the purchase itself took the seconds before it).
        timing.FromCommit.Should().BeLessThan(LiveKeys.Budget, "the open tab is told about the new key within a second, without a reload");

        // The order is the customer's: in the account's order history, paid.
        await shop.GotoAsync(new Uri(baseAddress, "/account/orders").ToString());
        await Assertions.Expect(shop.GetByText(number)).ToBeVisibleAsync();
        await shop.GotoAsync(new Uri(baseAddress, $"/account/orders/{number}").ToString());
        await Assertions.Expect(shop.Locator("main")).ToContainTextAsync("Payment received");
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_declined_card_shows_its_message_the_order_keeps_its_lines_and_another_card_pays()
    {
        await AddToCartAsync(Page, Mouse, quantity: 2);
        await AddToCartAsync(Page, Cable);
        await CheckOutAsGuestAsync(Page);
        var total = await ReviewAsync(Page);

        await Page.GetByTestId("card-number").FillAsync(DeclineCard);
        await Page.GetByTestId("place-order").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(PayUrl());
        await Assertions.Expect(Page.GetByTestId("payment-message")).ToContainTextAsync("Your payment did not go through: Your card was declined.");
        await Assertions.Expect(Page.GetByTestId("payment-message")).ToContainTextAsync("Your order is kept and its items are held for you.");
        var number = (await Page.GetByTestId("order-number").TextContentAsync())!.Trim();
        Page.Url.Should().EndWith($"/checkout/pay/{number}");
        // What the design promises (decision 0022): the unpaid order holds the lines, with the reviewed total.
        await AssertLinesAsync(Page, ("Ergonomic Mouse M5", 2), ("Braided USB-C Cable 2 m", 1));
        await Assertions.Expect(Page.GetByTestId("order-total")).ToHaveTextAsync(total);
        await Assertions.Expect(Page.GetByTestId("pay-button")).ToHaveTextAsync($"Pay {total}");

        // Coming back later to the same address finds the order as it was.
        await Page.GotoAsync(new Uri(baseAddress, $"/checkout/pay/{number}").ToString());
        await AssertLinesAsync(Page, ("Ergonomic Mouse M5", 2), ("Braided USB-C Cable 2 m", 1));

        await Page.GetByTestId("card-number").FillAsync(SuccessCard);
        await Page.GetByTestId("pay-button").ClickAsync();

        await AssertConfirmedAsync(Page, number, total, lines: 2);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task Insufficient_funds_shows_its_message_the_cart_stays_intact_and_links_to_the_payment()
    {
        await AddToCartAsync(Page, Mouse);
        await AddToCartAsync(Page, Cable, quantity: 2);
        await CheckOutAsGuestAsync(Page);
        var total = await ReviewAsync(Page);

        await Page.GetByTestId("card-number").FillAsync(InsufficientFundsCard);
        await Page.GetByTestId("place-order").ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(PayUrl());
        await Assertions.Expect(Page.GetByTestId("payment-message")).ToContainTextAsync("Your card has insufficient funds.");
        var number = (await Page.GetByTestId("order-number").TextContentAsync())!.Trim();

        // The shopper leaves the payment page: the cart is as it was (decision 0023), with the way back to the payment.
        await Page.GotoAsync(new Uri(baseAddress, "/cart").ToString());
        await Assertions.Expect(Page.GetByTestId("cart-line")).ToHaveCountAsync(2);
        await Assertions.Expect(Page.GetByTestId("cart-badge")).ToHaveTextAsync("3");
        await Assertions.Expect(Page.GetByTestId("cart-unpaid-order")).ToContainTextAsync(number);
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Complete payment for order {number}" }).ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(PayUrl());
        await Page.GetByTestId("card-number").FillAsync(SuccessCard);
        await Page.GetByTestId("pay-button").ClickAsync();

        await AssertConfirmedAsync(Page, number, total, lines: 2);
        await AssertCartEmptiesAsync(Page);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_slow_card_shows_the_confirming_page_and_ends_paid_when_the_webhook_comes()
    {
        await AddToCartAsync(Page, Cable);
        await CheckOutAsGuestAsync(Page);
        var total = await ReviewAsync(Page);

        await Page.GetByTestId("card-number").FillAsync(SlowCard);
        await Page.GetByTestId("place-order").ClickAsync();

        // The provider answers "processing"; the page refreshes itself (a Refresh header, no script) until the webhook
        // or the reconciliation settles the payment, then lands on the confirmation.
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Confirming your payment" })).ToBeVisibleAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(ConfirmationUrl(), new() { Timeout = 15_000 });
        var number = (await Page.GetByTestId("order-number").TextContentAsync())!.Trim();
        await AssertConfirmedAsync(Page, number, total, lines: 1);
        await AssertCartEmptiesAsync(Page);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_failed_challenge_returns_to_the_shop_with_a_clear_message_and_the_order_unpaid()
    {
        await AddToCartAsync(Page, Keyboard);
        await CheckOutAsGuestAsync(Page);
        await ReviewAsync(Page);

        await Page.GetByTestId("card-number").FillAsync(ChallengeCard);
        await Page.GetByTestId("place-order").ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your payment" })).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Fail authentication" }).ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(PayUrl());
        await Assertions.Expect(Page.GetByTestId("payment-message")).ToContainTextAsync("We could not authenticate your card.");
        var number = (await Page.GetByTestId("order-number").TextContentAsync())!.Trim();
        await AssertLinesAsync(Page, ("Mechanical Keyboard K2", 1));
        // Unpaid: the cart still holds the keyboard and points back to this order's payment.
        await Page.GotoAsync(new Uri(baseAddress, "/cart").ToString());
        await Assertions.Expect(Page.GetByTestId("cart-line")).ToHaveCountAsync(1);
        await Assertions.Expect(Page.GetByTestId("cart-unpaid-order")).ToContainTextAsync(number);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_coupon_applied_in_the_cart_carries_to_the_review_and_the_confirmations_total()
    {
        await AddToCartAsync(Page, Keyboard);
        await Page.GotoAsync(new Uri(baseAddress, "/cart").ToString());
        await Page.GetByTestId("cart-coupon-code").FillAsync("welcome10");
        await Page.GetByTestId("cart-coupon-apply").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("cart-message")).ToContainTextAsync("Code WELCOME10 applied");
        var discount = (await Page.GetByTestId("cart-discount").TextContentAsync())!.Trim();
        discount.Should().StartWith("−$");

        await CheckOutAsGuestAsync(Page);
        var total = await ReviewAsync(Page);
        var reviewTotals = Page.GetByTestId("order-totals");
        await Assertions.Expect(reviewTotals).ToContainTextAsync("Discount (WELCOME10)");
        await Assertions.Expect(reviewTotals).ToContainTextAsync(discount);

        var number = await PlaceAsync(Page, SuccessCard, total);

        await Assertions.Expect(Page.GetByTestId("order-number")).ToHaveTextAsync(number);
        await Assertions.Expect(Page.GetByTestId("order-totals")).ToContainTextAsync("Discount (WELCOME10)");
        await Assertions.Expect(Page.GetByTestId("order-totals")).ToContainTextAsync(discount);
        await Assertions.Expect(Page.GetByTestId("order-total")).ToHaveTextAsync(total);
        // Paid: the coupon leaves the cart with the ordered lines (decision 0023).
        await AssertCartEmptiesAsync(Page);
        await Assertions.Expect(Page.GetByTestId("cart-discount")).ToHaveCountAsync(0);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task The_requires_action_card_goes_through_the_challenge_page_and_back_to_the_confirmation()
    {
        await AddToCartAsync(Page, Keyboard);
        await CheckOutAsGuestAsync(Page);
        var total = await ReviewAsync(Page);

        await Page.GetByTestId("card-number").FillAsync(ChallengeCard);
        await Page.GetByTestId("place-order").ClickAsync();

        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Confirm your payment" })).ToBeVisibleAsync();
        Page.Url.Should().StartWith(new Uri(baseAddress, "/_stub-provider/challenge/pi_").ToString());
        // The provider shows the same amount the shop asked for ("$142.99" there, "142.99 USD" here).
        await Assertions.Expect(Page.GetByTestId("challenge-amount")).ToHaveTextAsync($"{total.TrimStart('$').Replace(",", "", StringComparison.Ordinal)} USD");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Complete authentication" }).ClickAsync();

        await Assertions.Expect(Page).ToHaveURLAsync(ConfirmationUrl());
        var number = (await Page.GetByTestId("order-number").TextContentAsync())!.Trim();
        await AssertConfirmedAsync(Page, number, total, lines: 1);
        AssertNoConsoleErrors();
    }

    private static async Task GuestBuysTwoProductsAsync(IPage page)
    {
        await AddToCartAsync(page, Keyboard);
        await AddToCartAsync(page, Mouse);
        await Assertions.Expect(page.GetByTestId("cart-badge")).ToHaveTextAsync("2");

        await CheckOutAsGuestAsync(page);
        await Assertions.Expect(page.GetByText("Checking out as a guest.")).ToBeVisibleAsync();
        await AssertLinesAsync(page, ("Mechanical Keyboard K2", 1), ("Ergonomic Mouse M5", 1));
        var total = await ReviewAsync(page);
        await AssertLinesAsync(page, ("Mechanical Keyboard K2", 1), ("Ergonomic Mouse M5", 1));

        var number = await PlaceAsync(page, SuccessCard, total);

        await AssertLinesAsync(page, ("Mechanical Keyboard K2", 1), ("Ergonomic Mouse M5", 1));
        await Assertions.Expect(page.GetByTestId("order-status")).ToContainTextAsync("ada@example.com");
        // The order is paid: its lines left the cart.
        await AssertCartEmptiesAsync(page);
        // The confirmation stays open to this browser (the guest's order cookie).
        await page.GotoAsync(new Uri(baseAddress, $"/checkout/confirmation/{number}").ToString());
        await Assertions.Expect(page.GetByTestId("order-number")).ToHaveTextAsync(number);
    }

    /// <summary>
    /// The cart drops the paid lines when Ordering's OrderPaymentReceived reaches it (its inbox, a moment after the
    /// confirmation): the page is asked again until then, a few times at most.
    /// </summary>
    private static async Task AssertCartEmptiesAsync(IPage page)
    {
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(new Uri(baseAddress, "/cart").ToString());
            if (await page.GetByTestId("cart-line").CountAsync() == 0 || attempt == 20)
            {
                break;
            }

            await Task.Delay(250);
        }

        await Assertions.Expect(page.GetByTestId("cart-line")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("cart-badge")).ToHaveTextAsync("0");
        await Assertions.Expect(page.GetByTestId("cart-unpaid-order")).ToHaveCountAsync(0);
    }

    private static async Task AddToCartAsync(IPage page, string product, int quantity = 1)
    {
        await page.GotoAsync(new Uri(baseAddress, product).ToString());
        var before = int.Parse((await page.GetByTestId("cart-badge").TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        if (quantity != 1)
        {
            await page.GetByTestId("add-to-cart").GetByLabel("Quantity").FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        await page.GetByTestId("add-to-cart").GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        // With script the badge follows in place; without, the post redirects to a page drawn with the new count.
        await Assertions.Expect(page.GetByTestId("cart-badge")).ToHaveTextAsync((before + quantity).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>From the cart to the checkout's details, filled in as a guest.</summary>
    private static async Task CheckOutAsGuestAsync(IPage page)
    {
        await page.GotoAsync(new Uri(baseAddress, "/cart").ToString());
        await page.GetByTestId("cart-checkout").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Checkout", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("E-mail address").FillAsync("ada@example.com");
        await FillAddressAsync(page);
        await page.GetByTestId("shipping-methods").GetByLabel("Standard").CheckAsync();
    }

    private static async Task FillAddressAsync(IPage page)
    {
        await page.GetByLabel("Full name").FillAsync("Ada Lovelace");
        await page.GetByLabel("Street and number").FillAsync("1 Analytical Way");
        await page.GetByLabel("Postal code").FillAsync("N1 9GU");
        await page.GetByLabel("Town or city").FillAsync("London");
        await page.GetByLabel("Country").SelectOptionAsync("GB");
    }

    /// <summary>Continues to the review; answers the total it shows (what the shopper agrees to pay).</summary>
    private static async Task<string> ReviewAsync(IPage page)
    {
        await page.GetByTestId("checkout-review").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review and pay" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("checkout-problems")).ToHaveCountAsync(0);
        var total = (await page.GetByTestId("order-total").TextContentAsync())!.Trim();
        total.Should().MatchRegex(@"^\$[0-9,]+\.[0-9]{2}$");
        return total;
    }

    /// <summary>Places the order with <paramref name="card"/> and expects the confirmation; answers the order number.</summary>
    private static async Task<string> PlaceAsync(IPage page, string card, string total)
    {
        await page.GetByTestId("card-number").FillAsync(card);
        await page.GetByTestId("place-order").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ConfirmationUrl());
        var number = (await page.GetByTestId("order-number").TextContentAsync())!.Trim();
        await AssertConfirmedAsync(page, number, total, lines: null);
        return number;
    }

    private static async Task AssertConfirmedAsync(IPage page, string number, string total, int? lines)
    {
        number.Should().MatchRegex("^NX-[0-9A-HJKMNP-TV-Z]{8}$");
        page.Url.Should().EndWith($"/checkout/confirmation/{number}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Thank you! Order {number} is confirmed" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("order-status")).ToContainTextAsync("Status: Paid");
        await Assertions.Expect(page.GetByTestId("order-total")).ToHaveTextAsync(total);
        if (lines is { } count)
        {
            await Assertions.Expect(page.GetByTestId("order-line")).ToHaveCountAsync(count);
        }
    }

    private static async Task AssertLinesAsync(IPage page, params (string Name, int Quantity)[] expected)
    {
        await Assertions.Expect(page.GetByTestId("order-line")).ToHaveCountAsync(expected.Length);
        foreach (var (name, quantity) in expected)
        {
            var line = page.GetByTestId("order-line").Filter(new() { HasText = name });
            await Assertions.Expect(line).ToHaveCountAsync(1);
            await Assertions.Expect(line.Locator("td").Nth(1)).ToHaveTextAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex("/checkout/confirmation/NX-[0-9A-Z]{8}$")]
    private static partial Regex ConfirmationUrl();

    [GeneratedRegex("/checkout/pay/NX-[0-9A-Z]{8}$")]
    private static partial Regex PayUrl();
}
