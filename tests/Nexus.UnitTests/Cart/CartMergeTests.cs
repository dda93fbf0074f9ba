using Nexus.Modules.Cart.Domain;

namespace Nexus.UnitTests.Cart;

/// <summary>Merging a guest cart into a customer's, over many generated pairs of carts: never loses, never doubles.</summary>
internal sealed class CartMergeTests
{
    private static readonly DateTime Now = new(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);

    [Test]
    public void A_merge_never_loses_or_doubles_an_item_over_many_generated_carts()
    {
        var random = new Random(1203);
        for (var i = 0; i < 2_000; i++)
        {
            var variants = Enumerable.Range(0, random.Next(1, 10)).Select(_ => Guid.NewGuid()).ToList();
            var stock = variants.ToDictionary(v => v, _ => random.Next(0, 120));
            var mine = Fill(ShoppingCart.ForCustomer("customer-" + i, Now), variants, random);
            var guest = Fill(ShoppingCart.ForGuest("guest-" + i, Now), variants, random);
            var before = variants.ToDictionary(v => v, v => (Mine: mine.LineFor(v)?.Quantity ?? 0, Guest: guest.LineFor(v)?.Quantity ?? 0));

            mine.MergeFrom(guest, v => Math.Min(99, stock[v]), Now);

            foreach (var variant in variants)
            {
                var (a, b) = before[variant];
                var after = mine.LineFor(variant)?.Quantity ?? 0;
                after.Should().BeLessThanOrEqualTo(a + b, "a merge never doubles an item");
                after.Should().BeGreaterThanOrEqualTo(Math.Max(a, b), "a merge never loses what either cart held");
                if (a + b <= Math.Min(99, stock[variant]))
                {
                    after.Should().Be(a + b, "within stock, quantities of the same variant are summed");
                }
            }

            mine.Lines.Select(l => l.VariantId).Should().OnlyHaveUniqueItems();
        }
    }

    [Test]
    public void The_customers_coupon_wins_and_the_guests_is_kept_when_they_had_none()
    {
        var variant = Guid.NewGuid();
        var mine = ShoppingCart.ForCustomer("c1", Now);
        var guest = ShoppingCart.ForGuest("g1", Now);
        guest.Add(variant, 1, 100, 10, Now);
        guest.ApplyCoupon("GUEST10", Now);

        mine.MergeFrom(guest, _ => 10, Now);
        mine.CouponCode.Should().Be("GUEST10");

        var theirs = ShoppingCart.ForCustomer("c2", Now);
        theirs.ApplyCoupon("MINE5", Now);
        theirs.MergeFrom(guest, _ => 10, Now);
        theirs.CouponCode.Should().Be("MINE5");
    }

    [Test]
    public void Every_change_bumps_the_concurrency_version()
    {
        var cart = ShoppingCart.ForGuest("g", Now);
        var version = cart.Version;
        cart.Add(Guid.NewGuid(), 1, 100, 5, Now);
        cart.Version.Should().BeGreaterThan(version);
    }

    private static ShoppingCart Fill(ShoppingCart cart, List<Guid> variants, Random random)
    {
        foreach (var variant in variants.Where(_ => random.Next(2) == 0))
        {
            cart.Add(variant, random.Next(1, 60), random.NextInt64(1, 10_000), 99, Now);
        }

        return cart;
    }
}
