using FluentValidation;
using Nexus.Modules.Promotions.Domain;

namespace Nexus.Modules.Promotions.Features.ManageCoupons;

/// <summary>The rules of a coupon; the page shows each message next to its field.</summary>
internal sealed class SaveCouponValidator : AbstractValidator<SaveCoupon>
{
    public SaveCouponValidator()
    {
        RuleFor(c => c.Code).Must(code => CouponCode.IsValid(CouponCode.Normalise(code))).WithMessage("A code is " + CouponCode.Rule);
        RuleFor(c => c.Description).NotEmpty().WithMessage("Describe the offer (shown in the back office).").MaximumLength(Coupon.DescriptionMaxLength);
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose a percentage or a fixed amount.");
        const string percent = "A percentage off is a whole number from 1 to 100.";
        RuleFor(c => c.PercentOff).NotNull().WithMessage(percent).InclusiveBetween(1, 100).WithMessage(percent).When(c => c.Kind == CouponKind.Percent);
        const string amount = "An amount off is from 0.01 to 999,999.99.";
        RuleFor(c => c.AmountOffMinor).NotNull().WithMessage(amount).InclusiveBetween(1, Coupon.MaxAmountMinor).WithMessage(amount).When(c => c.Kind == CouponKind.FixedAmount);
        RuleFor(c => c.MinimumSubtotalMinor).InclusiveBetween(0, Coupon.MaxAmountMinor).WithMessage("A minimum order is from 0.00 to 999,999.99.");
        RuleFor(c => c.EndsAt).GreaterThan(c => c.StartsAt).When(c => c.StartsAt is not null && c.EndsAt is not null)
            .WithMessage("The end must be after the start.");
        RuleFor(c => c.PerCustomerLimit).InclusiveBetween(1, 1_000_000).When(c => c.PerCustomerLimit is not null)
            .WithMessage("A per-customer limit is from 1 to 1,000,000 (leave it empty for no limit).");
        RuleFor(c => c.UsageCap).InclusiveBetween(1, 100_000_000).When(c => c.UsageCap is not null)
            .WithMessage("A total cap is from 1 to 100,000,000 (leave it empty for no cap).");
    }
}
