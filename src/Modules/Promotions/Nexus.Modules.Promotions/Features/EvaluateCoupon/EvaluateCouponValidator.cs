using FluentValidation;
using Nexus.Modules.Promotions.Domain;

namespace Nexus.Modules.Promotions.Features.EvaluateCoupon;

/// <summary>
/// Only what the calling module controls is validated: a code the shopper typed that is no code at all is an answer
/// ("not a code we know"), not an error.
/// </summary>
internal sealed class EvaluateCouponValidator : AbstractValidator<Contracts.EvaluateCoupon>
{
    public EvaluateCouponValidator()
    {
        RuleFor(r => r.Code).NotNull().WithMessage("Enter a code.");
        RuleFor(r => r.CustomerKey).MaximumLength(CouponRedemption.CustomerKeyMaxLength);
        RuleFor(r => r.SubtotalMinor).GreaterThanOrEqualTo(0).WithMessage("A subtotal cannot be negative.");
        RuleFor(r => r.Currency).NotEmpty().Length(3);
    }
}
