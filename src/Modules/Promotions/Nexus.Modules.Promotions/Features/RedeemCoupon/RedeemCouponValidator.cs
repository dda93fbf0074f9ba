using FluentValidation;
using Nexus.Modules.Promotions.Domain;

namespace Nexus.Modules.Promotions.Features.RedeemCoupon;

internal sealed class RedeemCouponValidator : AbstractValidator<Contracts.RedeemCoupon>
{
    public RedeemCouponValidator()
    {
        RuleFor(r => r.Code).NotNull().WithMessage("Enter a code.");
        RuleFor(r => r.OrderReference).NotEmpty().MaximumLength(CouponRedemption.OrderReferenceMaxLength);
        RuleFor(r => r.CustomerKey).NotEmpty().MaximumLength(CouponRedemption.CustomerKeyMaxLength);
        RuleFor(r => r.SubtotalMinor).GreaterThanOrEqualTo(0).WithMessage("A subtotal cannot be negative.");
        RuleFor(r => r.Currency).NotEmpty().Length(3);
    }
}
