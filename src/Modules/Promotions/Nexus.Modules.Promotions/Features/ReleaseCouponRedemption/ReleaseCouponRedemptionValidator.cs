using FluentValidation;
using Nexus.Modules.Promotions.Domain;

namespace Nexus.Modules.Promotions.Features.ReleaseCouponRedemption;

internal sealed class ReleaseCouponRedemptionValidator : AbstractValidator<Contracts.ReleaseCouponRedemption>
{
    public ReleaseCouponRedemptionValidator() =>
        RuleFor(r => r.OrderReference).NotEmpty().MaximumLength(CouponRedemption.OrderReferenceMaxLength);
}
