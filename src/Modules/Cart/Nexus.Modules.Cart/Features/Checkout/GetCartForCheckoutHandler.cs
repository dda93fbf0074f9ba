using FluentValidation;
using MediatR;
using Nexus.Modules.Cart.Contracts;
using Nexus.Modules.Cart.Features.ChangeCart;

namespace Nexus.Modules.Cart.Features.Checkout;

/// <summary>
/// The cart as checkout sees it, priced now by <see cref="CartPricer"/> (the same code as the cart page). Lines that
/// cannot be bought (sold out, withdrawn) are listed in <see cref="CheckoutCart.Problems"/> and left out of
/// <see cref="CheckoutCart.Lines"/> and the totals; a line above stock is listed with its quantity and a problem.
/// </summary>
internal sealed class GetCartForCheckoutHandler : IRequestHandler<GetCartForCheckout, CheckoutCart?>
{
    private readonly CartStore store;
    private readonly CartPricer pricer;

    public GetCartForCheckoutHandler(CartStore store, CartPricer pricer)
    {
        this.store = store;
        this.pricer = pricer;
    }

    public async Task<CheckoutCart?> Handle(GetCartForCheckout request, CancellationToken cancellationToken)
    {
        var cart = await store.FindAsync(request.Owner, cancellationToken, tracking: false);
        if (cart is null || cart.Lines.Count == 0)
        {
            return null;
        }

        var priced = await pricer.PriceAsync(cart, request.ShippingMethod, CartStore.CustomerKey(request.Owner), cancellationToken);
        var lines = priced.Lines.Where(l => l.IsCharged)
            .Select(l => new CheckoutCartLine(l.VariantId, l.ProductId, l.Sku, l.ProductName, l.VariantTitle, l.Quantity, l.UnitPriceMinor, l.LineTotalMinor, l.IsDigital, l.ImageUrl))
            .ToList();
        return new CheckoutCart(cart.Id, priced.Currency, lines, priced.CouponApplies ? priced.CouponCode : null, priced.Totals, priced.RequiresShipping, priced.Problems);
    }
}

internal sealed class GetCartForCheckoutValidator : AbstractValidator<GetCartForCheckout>
{
    public GetCartForCheckoutValidator()
    {
        this.OwnerIsValid(r => r.Owner);
        RuleFor(r => r.ShippingMethod).Must(m => ShippingMethods.All.Contains(m)).WithMessage("Choose standard or express shipping.");
    }
}
