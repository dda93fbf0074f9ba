using FluentValidation;
using Nexus.Modules.Payments.Domain;

namespace Nexus.Modules.Payments.Features.CreatePayment;

internal sealed class CreatePaymentValidator : AbstractValidator<Contracts.CreatePayment>
{
    public CreatePaymentValidator()
    {
        RuleFor(r => r.OrderReference).NotEmpty().MaximumLength(Payment.OrderReferenceMaxLength);
        RuleFor(r => r.Amount).InclusiveBetween(1, 99_999_999).WithMessage("The amount must be between 1 and 99,999,999 minor units.");
        RuleFor(r => r.Currency).NotEmpty().Length(3).Matches("^[A-Za-z]{3}$").WithMessage("The currency must be a three-letter ISO code.");
        // A path on this shop only: the provider sends the shopper there, so anything else would be an open redirect.
        RuleFor(r => r.ReturnPath).NotEmpty().MaximumLength(500)
            .Must(p => p is not null && p.StartsWith('/') && !p.StartsWith("//", StringComparison.Ordinal) && !p.Contains('\\', StringComparison.Ordinal) && !p.Any(char.IsControl))
            .WithMessage("The return path must be a path on this shop, e.g. /checkout/payment/return.");
    }
}
