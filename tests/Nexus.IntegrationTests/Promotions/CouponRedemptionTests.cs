using Nexus.Modules.Promotions.Contracts;
using Nexus.Modules.Promotions.Domain;
using Nexus.Shared.Application;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Promotions;

/// <summary>
/// Coupons as the cart and checkout use them, through the host on SQLite: every message a shopper can get, the total cap
/// under 100 concurrent redemptions, the per-customer limit under concurrency, and redeem/release being idempotent.
/// (<see cref="PostgresCouponTests"/> runs the concurrency cases on PostgreSQL.)
/// </summary>
internal sealed class CouponRedemptionTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost()
    {
        host = new NexusHostFactory(new Dictionary<string, string?> { ["Modules:Promotions:TimeZone"] = "Europe/Berlin" });
        _ = host.Server;
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task Each_reason_a_code_does_not_apply_has_its_own_message()
    {
        var now = DateTime.UtcNow;
        await host.CouponAsync("MSG-OK", percent: 15);
        await host.CouponAsync("MSG-LATER", starts: new DateTime(now.Year + 1, 3, 1, 12, 0, 0, DateTimeKind.Utc));
        await host.CouponAsync("MSG-OVER", ends: new DateTime(now.Year - 1, 6, 15, 12, 0, 0, DateTimeKind.Utc));
        await host.CouponAsync("MSG-MIN", CouponKind.FixedAmount, amount: 500, minimum: 3000);
        var capped = await host.CouponAsync("MSG-CAP", cap: 1);
        await host.CouponAsync("MSG-ONCE", perCustomer: 1);
        await host.CouponAsync("MSG-OFF", active: false);
        (await host.SendAsync(new RedeemCoupon("MSG-CAP", "msg-order-1", "someone-else", 5000, "USD"))).Applies.Should().BeTrue();
        (await host.SendAsync(new RedeemCoupon("msg-once", "msg-order-2", "customer-1", 5000, "USD"))).Applies.Should().BeTrue();

        async Task<CouponEvaluation> Evaluate(string code, long subtotal = 5000, string? customer = "customer-1") =>
            await host.SendAsync(new EvaluateCoupon(code, customer, subtotal, "USD"));

        (await Evaluate(" msg-ok ")).Should().Be(new CouponEvaluation(true, "MSG-OK", 750, "MSG-OK: 15% off (−$7.50)."));
        (await Evaluate("NOSUCHCODE")).Should().Be(new CouponEvaluation(false, "NOSUCHCODE", 0, "We don't know the code NOSUCHCODE. Check it and try again."));
        (await Evaluate("MSG-LATER")).Message.Should().Be($"The code MSG-LATER can be used from 1 March {now.Year + 1}.");
        (await Evaluate("MSG-OVER")).Message.Should().Be($"The code MSG-OVER expired on 15 June {now.Year - 1}.");
        (await Evaluate("MSG-MIN", 2550)).Message.Should().Be("Spend at least $30.00 to use the code MSG-MIN (your subtotal is $25.50).");
        (await Evaluate("MSG-MIN", 3000)).DiscountMinor.Should().Be(500);
        (await Evaluate("MSG-CAP")).Message.Should().Be("The code MSG-CAP has been used up.");
        (await Evaluate("MSG-ONCE")).Message.Should().Be("You have already used the code MSG-ONCE.");
        (await Evaluate("MSG-ONCE", customer: "customer-2")).Applies.Should().BeTrue();
        (await Evaluate("MSG-ONCE", customer: null)).Applies.Should().BeTrue("a guest not known yet is held to the limit at redemption");
        (await Evaluate("MSG-OFF")).Message.Should().Be("The code MSG-OFF is no longer active.");
        (await Evaluate("'; DROP TABLE coupons; --")).Should().Match<CouponEvaluation>(e => !e.Applies && e.DiscountMinor == 0 && e.Message.StartsWith("That is not a code we know.", StringComparison.Ordinal));
        (await Evaluate(new string('A', 5000))).Applies.Should().BeFalse();

        // Redemption says the same things, and a refused redemption counts nothing.
        (await host.SendAsync(new RedeemCoupon("MSG-CAP", "msg-order-3", "customer-1", 5000, "USD"))).Message.Should().Be("The code MSG-CAP has been used up.");
        (await host.SendAsync(new RedeemCoupon("MSG-ONCE", "msg-order-4", "customer-1", 5000, "USD"))).Message.Should().Be("You have already used the code MSG-ONCE.");
        (await host.SendAsync(new RedeemCoupon("MSG-MIN", "msg-order-5", "customer-1", 100, "USD"))).Applies.Should().BeFalse();
        (await host.UsageAsync(capped)).Should().Be((1, 1, 0));
    }

    [Test]
    public async Task Bad_requests_from_another_module_are_refused_with_field_errors()
    {
        var negative = async () => await host.SendAsync(new EvaluateCoupon("MSG-OK", null, -1, "USD"));
        await negative.Should().ThrowAsync<RequestValidationException>();
        var noOrder = async () => await host.SendAsync(new RedeemCoupon("MSG-OK", " ", "customer-1", 100, "USD"));
        await noOrder.Should().ThrowAsync<RequestValidationException>();
        var longReference = async () => await host.SendAsync(new ReleaseCouponRedemption(new string('x', 65)));
        await longReference.Should().ThrowAsync<RequestValidationException>();
    }

    [Test]
    public async Task The_cap_holds_under_100_concurrent_redemptions()
    {
        var coupon = await host.CouponAsync("CAP10-SQLITE", cap: 10);
        var outcomes = await host.RedeemAtOnceAsync(100, i => new RedeemCoupon("CAP10-SQLITE", $"cap-order-{i}", $"cap-customer-{i}", 10_000, "USD"));

        outcomes.Count(o => o.Applies).Should().Be(10);
        outcomes.Where(o => !o.Applies).Should().OnlyContain(o => o.Message == "The code CAP10-SQLITE has been used up.");
        (await host.UsageAsync(coupon)).Should().Be((10, 10, 0));

        // Three orders fail payment: their uses come back, and exactly three of the next twenty get them.
        var winners = Enumerable.Range(0, 100).Where(i => outcomes[i].Applies).Take(3).ToList();
        foreach (var i in winners)
        {
            (await host.SendAsync(new ReleaseCouponRedemption($"cap-order-{i}"))).Should().BeTrue();
        }

        (await host.UsageAsync(coupon)).Should().Be((7, 7, 3));
        var more = await host.RedeemAtOnceAsync(20, i => new RedeemCoupon("CAP10-SQLITE", $"cap-more-{i}", $"cap-more-customer-{i}", 10_000, "USD"));
        more.Count(o => o.Applies).Should().Be(3);
        (await host.UsageAsync(coupon)).Should().Be((10, 10, 3));
    }

    [Test]
    public async Task The_per_customer_limit_holds_under_concurrency()
    {
        var coupon = await host.CouponAsync("TWICE-SQLITE", perCustomer: 2);
        var outcomes = await host.RedeemAtOnceAsync(40, i => new RedeemCoupon("TWICE-SQLITE", $"twice-order-{i}", i % 2 == 0 ? "greedy@example.com" : $"other-{i}@example.com", 10_000, "USD"));

        outcomes.Where((_, i) => i % 2 == 0).Count(o => o.Applies).Should().Be(2, "the one customer gets the code twice, however many checkouts race");
        outcomes.Where((_, i) => i % 2 == 1).Should().OnlyContain(o => o.Applies, "every other customer uses it once");
        outcomes.Where((_, i) => i % 2 == 0 && !outcomes[i].Applies).Should().OnlyContain(o => o.Message == "You have already used the code TWICE-SQLITE 2 times, the most it allows.");
        (await host.UsageAsync(coupon)).Should().Be((22, 22, 0));
    }

    [Test]
    public async Task Redeem_and_release_are_idempotent_per_order()
    {
        var coupon = await host.CouponAsync("IDEM-SQLITE", CouponKind.FixedAmount, amount: 1500, cap: 5);
        var first = await host.SendAsync(new RedeemCoupon("IDEM-SQLITE", "idem-order-1", "customer-1", 1000, "USD"));
        first.Should().Be(new CouponEvaluation(true, "IDEM-SQLITE", 1000, "IDEM-SQLITE: $15.00 off (−$10.00)."), "a discount never exceeds the subtotal");
        (await host.SendAsync(new RedeemCoupon("idem-sqlite", "idem-order-1", "customer-1", 1000, "USD"))).Should().Be(first);
        var raced = await host.RedeemAtOnceAsync(20, _ => new RedeemCoupon("IDEM-SQLITE", "idem-order-2", "customer-2", 4000, "USD"));
        raced.Should().OnlyContain(o => o.Applies && o.DiscountMinor == 1500);
        (await host.UsageAsync(coupon)).Should().Be((2, 2, 0));

        await host.CouponAsync("IDEM-OTHER");
        (await host.SendAsync(new RedeemCoupon("IDEM-OTHER", "idem-order-1", "customer-1", 1000, "USD"))).Message
            .Should().Be("This order already uses the code IDEM-SQLITE; an order takes one code.");

        (await host.SendAsync(new ReleaseCouponRedemption("idem-order-1"))).Should().BeTrue();
        (await host.SendAsync(new ReleaseCouponRedemption("idem-order-1"))).Should().BeTrue();
        var releases = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => host.SendAsync(new ReleaseCouponRedemption("idem-order-2")))));
        releases.Should().OnlyContain(r => r);
        (await host.UsageAsync(coupon)).Should().Be((0, 0, 2), "a release repeated or raced gives back exactly one use");
        (await host.SendAsync(new ReleaseCouponRedemption("never-used-a-code"))).Should().BeFalse();

        // The order is paid again after a failed payment: the released use counts again, once.
        (await host.SendAsync(new RedeemCoupon("IDEM-SQLITE", "idem-order-1", "customer-1", 1000, "USD"))).Applies.Should().BeTrue();
        (await host.SendAsync(new RedeemCoupon("IDEM-SQLITE", "idem-order-1", "customer-1", 1000, "USD"))).Applies.Should().BeTrue();
        (await host.UsageAsync(coupon)).Should().Be((1, 1, 1));
    }
}
