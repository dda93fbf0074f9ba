using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Catalog.Contracts.Products;

/// <summary>
/// What a cart or a checkout needs to know about variants now: current price, stock that can be sold, names and a
/// picture. Unknown ids are absent from the result; unpublished products are present with
/// <see cref="PurchasableVariant.IsPurchasable"/> false, so a cart can say why a line cannot be bought.
/// </summary>
public sealed record GetPurchasableVariants(IReadOnlyCollection<Guid> VariantIds) : IQuery<IReadOnlyList<PurchasableVariant>>;

/// <param name="VariantTitle">"M / Blue"; empty for a product without options.</param>
/// <param name="ProductSlug">For the link to <c>/products/{slug}</c>.</param>
/// <param name="UnitPriceMinor">The price a shopper pays now, in minor units of <paramref name="Currency"/>.</param>
/// <param name="Available">What can be sold now (stock on hand less reservations); never negative.</param>
/// <param name="ImageUrl">A small picture (thumbnail size) or null.</param>
public sealed record PurchasableVariant(
    Guid VariantId,
    Guid ProductId,
    string Sku,
    string ProductName,
    string VariantTitle,
    string ProductSlug,
    long UnitPriceMinor,
    string Currency,
    bool IsDigital,
    int Available,
    string? ImageUrl,
    bool IsPurchasable);
