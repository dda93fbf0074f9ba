using FluentValidation;
using Microsoft.Extensions.Options;
using Nexus.Modules.Cart.Domain;

namespace Nexus.Modules.Cart.Features.ChangeCart;

internal sealed class AddToCartValidator : AbstractValidator<AddToCart>
{
    public AddToCartValidator(IOptions<CartOptions> options)
    {
        var max = options.Value.MaxQuantityPerLine;
        this.OwnerIsValid(r => r.Owner);
        RuleFor(r => r.VariantId).NotEmpty().WithMessage("Choose a product to add.");
        RuleFor(r => r.Quantity).InclusiveBetween(1, max).WithMessage($"Enter a quantity from 1 to {max}.");
    }
}

internal sealed class ChangeCartQuantityValidator : AbstractValidator<ChangeCartQuantity>
{
    public ChangeCartQuantityValidator(IOptions<CartOptions> options)
    {
        var max = options.Value.MaxQuantityPerLine;
        this.OwnerIsValid(r => r.Owner);
        RuleFor(r => r.LineId).NotEmpty();
        RuleFor(r => r.Quantity).InclusiveBetween(0, max).WithMessage($"Enter a quantity from 0 (remove) to {max}.");
    }
}

internal sealed class RemoveFromCartValidator : AbstractValidator<RemoveFromCart>
{
    public RemoveFromCartValidator()
    {
        this.OwnerIsValid(r => r.Owner);
        RuleFor(r => r.LineId).NotEmpty();
    }
}

internal sealed class ApplyCouponToCartValidator : AbstractValidator<ApplyCouponToCart>
{
    public ApplyCouponToCartValidator()
    {
        this.OwnerIsValid(r => r.Owner);
        RuleFor(r => r.Code).Must(c => !string.IsNullOrWhiteSpace(c)).WithMessage("Enter a discount code.")
            .Must(c => c is null || c.Trim().Length <= ShoppingCart.CouponCodeMaxLength).WithMessage($"A discount code has at most {ShoppingCart.CouponCodeMaxLength} characters.");
    }
}

internal sealed class RemoveCouponFromCartValidator : AbstractValidator<RemoveCouponFromCart>
{
    public RemoveCouponFromCartValidator() => this.OwnerIsValid(r => r.Owner);
}

internal sealed class RefreshCartValidator : AbstractValidator<RefreshCart>
{
    public RefreshCartValidator() => this.OwnerIsValid(r => r.Owner);
}
