using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Domain;

namespace Nexus.UnitTests.Cart;

/// <summary>
/// The pricing rules held over many generated carts (a fixed seed per run, so a failure can be replayed): the totals
/// add up, nothing is negative, the discount never exceeds the subtotal, tax rounds half-up, shipping follows the
/// threshold and digital-only carts ship free.
/// </summary>
internal sealed class CartPricingPropertyTests
{
    private const int Carts = 5_000;

    [Test]
    public void Totals_add_up_and_are_never_negative_over_many_generated_carts()
    {
        var random = new Random(20261203);
        for (var i = 0; i < Carts; i++)
        {
            var lines = Lines(random);
            var settings = Settings(random);
            var discount = random.Next(4) == 0 ? random.NextInt64(-1_000, 2_000_000) : random.NextInt64(0, 5_000);
            var method = random.Next(2) == 0 ? ShippingMethods.Standard : ShippingMethods.Express;

            var totals = CartPricing.Price(lines, discount, settings, method);

            var subtotal = lines.Sum(l => l.UnitPriceMinor * l.Quantity);
            totals.SubtotalMinor.Should().Be(subtotal, "subtotal = Σ unit price × quantity");
            totals.DiscountMinor.Should().BeInRange(0, subtotal, "a discount is never negative and never more than the subtotal");
            totals.TaxMinor.Should().Be(HalfUp((subtotal - totals.DiscountMinor) * settings.TaxRateBasisPoints, 10_000));
            totals.TotalMinor.Should().Be(totals.SubtotalMinor - totals.DiscountMinor + totals.TaxMinor + totals.ShippingMinor, "total = subtotal − discount + tax + shipping");
            totals.TotalMinor.Should().BeGreaterThanOrEqualTo(0);
            totals.TaxMinor.Should().BeGreaterThanOrEqualTo(0);
            totals.ShippingMinor.Should().BeGreaterThanOrEqualTo(0);

            var shipsSomething = lines.Any(l => !l.IsDigital && l.Quantity > 0);
            var expectedShipping = !shipsSomething || subtotal - totals.DiscountMinor >= settings.FreeShippingThresholdMinor ? 0 : settings.RateOf(method);
            totals.ShippingMinor.Should().Be(expectedShipping);
        }
    }

    [Test]
    public void Item_count_is_the_sum_of_quantities_and_a_removed_line_is_gone_over_many_generated_carts()
    {
        var random = new Random(4711);
        var now = new DateTime(2026, 12, 3, 12, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 1_000; i++)
        {
            var cart = ShoppingCart.ForGuest("guest-" + i, now);
            var expected = new Dictionary<Guid, int>();
            var variants = Enumerable.Range(0, random.Next(1, 8)).Select(_ => Guid.NewGuid()).ToList();
            for (var step = 0; step < random.Next(1, 20); step++)
            {
                var variant = variants[random.Next(variants.Count)];
                var quantity = random.Next(1, 30);
                var held = cart.Add(variant, quantity, 100, limit: 99, now);
                expected[variant] = Math.Min(expected.GetValueOrDefault(variant) + quantity, 99);
                held.Should().Be(expected[variant]);
            }

            cart.ItemCount.Should().Be(expected.Values.Sum(), "item count = sum of quantities");
            cart.Lines.Select(l => l.VariantId).Should().OnlyHaveUniqueItems("one line per variant");

            var removed = cart.Lines[random.Next(cart.Lines.Count)];
            cart.Remove(removed, now);
            cart.Lines.Should().NotContain(l => l.Id == removed.Id, "a removed item is gone");
            cart.Line(removed.Id).Should().BeNull();
            cart.ItemCount.Should().Be(expected.Values.Sum() - removed.Quantity);
        }
    }

    [Test]
    public void The_issues_example_cart_prices_as_expected()
    {
        // 2 × 19.99 + 1 × 5.00 = 44.98; 10% tax = 4.498 → 4.50; below 50 → 5.99 standard shipping.
        var totals = CartPricing.Price([new PricingLine(2, 1999, false), new PricingLine(1, 500, false)], 0, CheckoutSettings.Defaults, ShippingMethods.Standard);

        totals.Should().Be(new CartTotals(4498, 0, 450, 599, 5547));
    }

    [Test]
    public void Free_shipping_is_judged_after_the_discount_and_digital_carts_never_ship()
    {
        var lines = new[] { new PricingLine(1, 5500, false) };
        CartPricing.Price(lines, 0, CheckoutSettings.Defaults, ShippingMethods.Standard).ShippingMinor.Should().Be(0, "55.00 is above the 50.00 threshold");
        CartPricing.Price(lines, 1000, CheckoutSettings.Defaults, ShippingMethods.Standard).ShippingMinor.Should().Be(599, "45.00 after the discount is below it");
        CartPricing.Price(lines, 1000, CheckoutSettings.Defaults, ShippingMethods.Express).ShippingMinor.Should().Be(1499);
        CartPricing.Price([new PricingLine(3, 1000, true)], 0, CheckoutSettings.Defaults, ShippingMethods.Express).ShippingMinor.Should().Be(0, "a licence is not shipped");
        CartPricing.Price([], 0, CheckoutSettings.Defaults, ShippingMethods.Standard).Should().Be(new CartTotals(0, 0, 0, 0, 0));
    }

    [Test]
    public void Tax_rounds_half_up_to_the_minor_unit()
    {
        var settings = new CheckoutSettings(taxRateBasisPoints: 1000, 0, 0, 0, DateTime.UnixEpoch);
        CartPricing.Price([new PricingLine(1, 5, false)], 0, settings, ShippingMethods.Standard).TaxMinor.Should().Be(1, "0.5 cent rounds up");
        CartPricing.Price([new PricingLine(1, 4, false)], 0, settings, ShippingMethods.Standard).TaxMinor.Should().Be(0, "0.4 cent rounds down");
    }

    private static List<PricingLine> Lines(Random random) =>
        Enumerable.Range(0, random.Next(0, 12))
            .Select(_ => new PricingLine(random.Next(1, 100), random.Next(10) == 0 ? 0 : random.NextInt64(1, 500_000), random.Next(4) == 0))
            .ToList();

    private static CheckoutSettings Settings(Random random) =>
        random.Next(3) == 0
            ? CheckoutSettings.Defaults
            : new CheckoutSettings(random.Next(0, 10_001), random.NextInt64(0, 100_000), random.NextInt64(0, 3_000), random.NextInt64(0, 6_000), DateTime.UnixEpoch);

    private static long HalfUp(long numerator, long denominator) => (numerator + (denominator / 2)) / denominator;
}
