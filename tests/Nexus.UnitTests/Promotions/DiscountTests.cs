using Nexus.Modules.Promotions.Domain;

namespace Nexus.UnitTests.Promotions;

/// <summary>
/// The discount arithmetic over many generated subtotals and coupons (a fixed seed, so a failure is repeatable): a
/// discount is never negative and never above the subtotal, so subtotal − discount + tax + shipping never goes below
/// tax + shipping; a percentage rounds in the shopper's favour to the minor unit.
/// </summary>
internal sealed class DiscountTests
{
    [Test]
    public void A_discount_is_never_negative_and_never_above_the_subtotal()
    {
        var random = new Random(20261203);
        for (var i = 0; i < 100_000; i++)
        {
            var subtotal = i % 10 == 0 ? random.NextInt64(-1_000, 1_000) : random.NextInt64(0, i % 3 == 0 ? long.MaxValue : 10_000_000);
            var percent = random.Next(-5, 106);
            var amount = random.NextInt64(-1_000, 20_000_000);
            foreach (var kind in new[] { CouponKind.Percent, CouponKind.FixedAmount })
            {
                var discount = Discount.For(kind, percent, amount, subtotal);
                discount.Should().BeGreaterThanOrEqualTo(0, "{0} {1}% / {2} off {3}", kind, percent, amount, subtotal);
                discount.Should().BeLessThanOrEqualTo(Math.Max(0, subtotal), "{0} {1}% / {2} off {3}", kind, percent, amount, subtotal);
                var total = subtotal - discount;
                if (subtotal >= 0)
                {
                    total.Should().BeGreaterThanOrEqualTo(0);
                }
            }
        }
    }

    [Test]
    public void A_percentage_rounds_up_to_the_next_minor_unit_and_is_exact_when_it_divides()
    {
        var random = new Random(15);
        for (var i = 0; i < 100_000; i++)
        {
            var subtotal = random.NextInt64(1, 100_000_000);
            var percent = random.Next(1, 101);
            var discount = Discount.For(CouponKind.Percent, percent, null, subtotal);
            var exact = (decimal)subtotal * percent / 100m;
            discount.Should().Be((long)Math.Ceiling(exact), "{0}% of {1}", percent, subtotal);
            (discount - exact).Should().BeGreaterThanOrEqualTo(0).And.BeLessThan(1);
        }
    }

    [TestCase(999, 10, 100)]
    [TestCase(1000, 10, 100)]
    [TestCase(1, 1, 1)]
    [TestCase(3333, 33, 1100)]
    [TestCase(5000, 100, 5000)]
    [TestCase(0, 50, 0)]
    public void Percentages_off_known_subtotals(long subtotal, int percent, long expected) =>
        Discount.For(CouponKind.Percent, percent, null, subtotal).Should().Be(expected);

    [TestCase(2000, 500, 500)]
    [TestCase(300, 500, 300)]
    [TestCase(0, 500, 0)]
    public void A_fixed_amount_is_capped_at_the_subtotal(long subtotal, long amount, long expected) =>
        Discount.For(CouponKind.FixedAmount, null, amount, subtotal).Should().Be(expected);

    [Test]
    public void The_largest_subtotal_does_not_overflow() =>
        Discount.For(CouponKind.Percent, 100, null, long.MaxValue).Should().Be(long.MaxValue);
}
