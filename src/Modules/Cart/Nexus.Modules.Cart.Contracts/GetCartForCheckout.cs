using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Cart.Contracts;

/// <summary>
/// The cart as checkout sees it: lines re-priced from the catalog now, the applied coupon re-evaluated, and the totals
/// by the shop's rules (subtotal − discount + tax + shipping) for the chosen shipping method. Null when the owner has
/// no cart or an empty one.
/// </summary>
public sealed record GetCartForCheckout(CartOwner Owner, string ShippingMethod = ShippingMethods.Standard) : IQuery<CheckoutCart?>;

/// <param name="Problems">Why the cart cannot be bought as it is (a line sold out or above stock, a product withdrawn,
/// a coupon that no longer applies); empty when it can.</param>
public sealed record CheckoutCart(
    Guid CartId,
    string Currency,
    IReadOnlyList<CheckoutCartLine> Lines,
    string? CouponCode,
    CartTotals Totals,
    bool RequiresShipping,
    IReadOnlyList<string> Problems);

public sealed record CheckoutCartLine(
    Guid VariantId,
    Guid ProductId,
    string Sku,
    string ProductName,
    string VariantTitle,
    int Quantity,
    long UnitPriceMinor,
    long LineTotalMinor,
    bool IsDigital,
    string? ImageUrl);

/// <summary>All amounts in minor units; <see cref="TotalMinor"/> = subtotal − discount + tax + shipping, never negative.</summary>
public sealed record CartTotals(long SubtotalMinor, long DiscountMinor, long TaxMinor, long ShippingMinor, long TotalMinor);

/// <summary>The shipping methods the shop offers; their rates are settings of the back office.</summary>
public static class ShippingMethods
{
    public const string Standard = "standard";
    public const string Express = "express";

    public static IReadOnlyList<string> All { get; } = [Standard, Express];
}
