using Nexus.Modules.Cart.Contracts;

namespace Nexus.Modules.Cart.Domain;

/// <summary>One line as pricing sees it: the catalog's current unit price, never the price when it was added.</summary>
internal readonly record struct PricingLine(int Quantity, long UnitPriceMinor, bool IsDigital);

/// <summary>
/// The one place a cart's money is worked out (the cart page, the mini-cart, checkout and the tests all call it):
/// subtotal = Σ unit price × quantity; the discount is at most the subtotal; tax = rate × (subtotal − discount),
/// rounded half-up to the minor unit; shipping is 0 for digital-only carts and when (subtotal − discount) reaches the
/// free-shipping threshold, else the method's rate; total = subtotal − discount + tax + shipping. Never negative.
/// </summary>
internal static class CartPricing
{
    public static CartTotals Price(IReadOnlyCollection<PricingLine> lines, long discountMinor, CheckoutSettings settings, string shippingMethod)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(settings);
        var subtotal = checked(lines.Sum(l => checked(Math.Max(0, l.UnitPriceMinor) * Math.Max(0, l.Quantity))));
        var discount = Math.Clamp(discountMinor, 0, subtotal);
        var taxable = subtotal - discount;
        var tax = (long)Math.Round(taxable * (decimal)settings.TaxRateBasisPoints / 10_000m, MidpointRounding.AwayFromZero);
        var shipping = ShippingFor(lines, taxable, settings, shippingMethod);
        return new CartTotals(subtotal, discount, tax, shipping, checked(taxable + tax + shipping));
    }

    /// <summary>Only physical goods are shipped; an empty cart ships nothing.</summary>
    public static bool RequiresShipping(IEnumerable<PricingLine> lines) => lines.Any(l => !l.IsDigital && l.Quantity > 0);

    private static long ShippingFor(IReadOnlyCollection<PricingLine> lines, long taxable, CheckoutSettings settings, string shippingMethod)
    {
        if (!RequiresShipping(lines))
        {
            return 0;
        }

        if (taxable >= settings.FreeShippingThresholdMinor)
        {
            return 0;
        }

        return settings.RateOf(shippingMethod);
    }
}
