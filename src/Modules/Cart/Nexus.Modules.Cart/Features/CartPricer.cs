using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Domain;
using Nexus.Modules.Catalog.Contracts.Products;
using Nexus.Modules.Promotions.Contracts;
using Nexus.Shared.Modules;
using Nexus.Shared.Globalization;
using Nexus.Shared.Web;

namespace Nexus.Modules.Cart.Features;

/// <summary>
/// Prices a cart now: asks Catalog for every line's current price and stock (<see cref="GetPurchasableVariants"/>),
/// Promotions whether the coupon still applies (<see cref="EvaluateCoupon"/>), and runs <see cref="CartPricing"/> with
/// the shop's settings. Used by the cart page, the mini-cart and <see cref="GetCartForCheckout"/>, so they never differ.
/// </summary>
internal sealed class CartPricer
{
    /// <summary>The Promotions module's name in the host's list (its Contracts do not carry it).</summary>
    public const string PromotionsModule = "Promotions";

    private readonly IMediator mediator;
    private readonly CartDbContext db;
    private readonly EnabledModules modules;
    private readonly string shopCurrency;

    public CartPricer(IMediator mediator, CartDbContext db, EnabledModules modules, IConfiguration configuration)
    {
        this.mediator = mediator;
        this.db = db;
        this.modules = modules;
        shopCurrency = configuration["Modules:Catalog:Currency"] is { Length: 3 } currency ? currency : "USD";
    }

    public string ShopCurrency => shopCurrency;

    public async Task<CheckoutSettings> SettingsAsync(CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == CheckoutSettings.SingletonId, cancellationToken) ?? CheckoutSettings.Defaults;

    public async Task<IReadOnlyDictionary<Guid, PurchasableVariant>> VariantsAsync(IEnumerable<Guid> variantIds, CancellationToken cancellationToken)
    {
        var ids = variantIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, PurchasableVariant>();
        }

        var variants = await mediator.Send(new GetPurchasableVariants(ids), cancellationToken);
        return variants.ToDictionary(v => v.VariantId);
    }

    /// <summary>Prices <paramref name="cart"/> (null: an empty cart) for <paramref name="shippingMethod"/>.</summary>
    public async Task<PricedCart> PriceAsync(ShoppingCart? cart, string shippingMethod, string? customerKey, CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(cancellationToken);
        if (cart is null || cart.Lines.Count == 0)
        {
            return PricedCart.Empty(shopCurrency, CartPricing.Price([], 0, settings, shippingMethod)) with { CartId = cart?.Id, CouponCode = cart?.CouponCode };
        }

        var variants = await WithOwnHoldsAsync(cart.Id, await VariantsAsync(cart.Lines.Select(l => l.VariantId), cancellationToken), cancellationToken);
        var currency = variants.Values.Select(v => v.Currency).FirstOrDefault() ?? shopCurrency;
        var problems = new List<string>();
        var lines = new List<PricedLine>();
        foreach (var line in cart.Lines.OrderBy(l => l.AddedAt).ThenBy(l => l.Id))
        {
            var priced = PriceLine(line, variants.GetValueOrDefault(line.VariantId));
            lines.Add(priced);
            if (Problem(priced) is { } problem)
            {
                problems.Add(problem);
            }
        }

        var chargeable = lines.Where(l => l.IsCharged).Select(l => new PricingLine(l.Quantity, l.UnitPriceMinor, l.IsDigital)).ToList();
        var subtotal = CartPricing.Price(chargeable, 0, settings, shippingMethod).SubtotalMinor;
        var (applies, message, discount) = (false, (string?)null, 0L);
        if (cart.CouponCode is { } code)
        {
            var evaluation = await EvaluateAsync(code, customerKey, subtotal, currency, cancellationToken);
            (applies, message, discount) = (evaluation.Applies, evaluation.Message, evaluation.Applies ? evaluation.DiscountMinor : 0);
            if (!applies)
            {
                problems.Add($"The code {code} no longer applies: {evaluation.Message}");
            }
        }

        var totals = CartPricing.Price(chargeable, discount, settings, shippingMethod);
        return new PricedCart(cart.Id, currency, lines, cart.CouponCode, applies, message, totals, CartPricing.RequiresShipping(chargeable), problems);
    }

    /// <summary>
    /// The order numbers of the orders placed from this cart and not yet paid or cancelled (the cart keeps their lines
    /// until then, docs/decisions/0023), newest first.
    /// </summary>
    public async Task<IReadOnlyList<string>> UnpaidOrdersAsync(Guid? cartId, CancellationToken cancellationToken) =>
        cartId is not { } id
            ? []
            : await db.Checkouts.AsNoTracking()
                .Where(c => c.CartId == id && c.SettledAt == null)
                .OrderByDescending(c => c.StartedAt)
                .Select(c => c.OrderNumber)
                .ToListAsync(cancellationToken);

    /// <summary>
    /// Stock held by this cart's own unpaid orders counts as available to the cart: the shopper's lines are not "sold
    /// out" (nor lowered by <c>RefreshCart</c>) because their own order reserved them; placing a new checkout cancels
    /// that order first and gives the stock back.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, PurchasableVariant>> WithOwnHoldsAsync(Guid cartId, IReadOnlyDictionary<Guid, PurchasableVariant> variants, CancellationToken cancellationToken)
    {
        var held = await db.Checkouts.AsNoTracking()
            .Where(c => c.CartId == cartId && c.SettledAt == null)
            .SelectMany(c => c.Lines)
            .GroupBy(l => l.VariantId)
            .Select(g => new { VariantId = g.Key, Quantity = g.Sum(l => l.Quantity) })
            .ToListAsync(cancellationToken);
        if (held.Count == 0)
        {
            return variants;
        }

        var adjusted = variants.ToDictionary();
        foreach (var hold in held)
        {
            if (adjusted.TryGetValue(hold.VariantId, out var variant))
            {
                // Saturating: a digital product's stock is unlimited (int.MaxValue) and must not wrap round to "sold out".
                adjusted[hold.VariantId] = variant with { Available = (int)Math.Min((long)variant.Available + hold.Quantity, int.MaxValue) };
            }
        }

        return adjusted;
    }

    /// <summary>Asks Promotions about a code; with the module switched off no code applies (and the shopper is told so).</summary>
    public async Task<CouponEvaluation> EvaluateAsync(string code, string? customerKey, long subtotalMinor, string currency, CancellationToken cancellationToken)
    {
        if (!modules.IsEnabled(PromotionsModule))
        {
            return new CouponEvaluation(false, code, 0, "This shop does not take discount codes at the moment.");
        }

        return await mediator.Send(new EvaluateCoupon(code, customerKey, subtotalMinor, currency), cancellationToken);
    }

    private static PricedLine PriceLine(CartLine line, PurchasableVariant? variant)
    {
        if (variant is null)
        {
            // The variant was deleted outright: the line stays visible (by its SKU-less name) until removed, never charged.
            return new PricedLine(line.Id, line.VariantId, Guid.Empty, string.Empty, "A product no longer sold", string.Empty, null, null, line.Quantity, line.PriceWhenAddedMinor, line.PriceWhenAddedMinor, 0, false, 0, LineState.Withdrawn);
        }

        var state = !variant.IsPurchasable ? LineState.Withdrawn
            : variant.Available <= 0 ? LineState.SoldOut
            : line.Quantity > variant.Available ? LineState.AboveStock
            : LineState.Ok;
        var lineTotal = state is LineState.Ok or LineState.AboveStock ? checked(variant.UnitPriceMinor * line.Quantity) : 0;
        return new PricedLine(
            line.Id, variant.VariantId, variant.ProductId, variant.Sku, variant.ProductName, variant.VariantTitle, variant.ProductSlug, variant.ImageUrl,
            line.Quantity, variant.UnitPriceMinor, line.PriceWhenAddedMinor, lineTotal, variant.IsDigital, variant.Available, state);
    }

    private static string? Problem(PricedLine line)
    {
        var name = line.VariantTitle.Length > 0 ? $"{line.ProductName} ({line.VariantTitle})" : line.ProductName;
        return line.State switch
        {
            LineState.Withdrawn => $"{name} is no longer sold; remove it to continue.",
            LineState.SoldOut => $"{name} is sold out; remove it to continue.",
            LineState.AboveStock => $"Only {line.Available} of {name} left; lower the quantity to continue.",
            _ => null,
        };
    }

    /// <summary>Formats an amount in the cart's currency (the shop's one formatter).</summary>
    public static string Format(long minor, string currency) => Money.Format(minor, currency);
}
