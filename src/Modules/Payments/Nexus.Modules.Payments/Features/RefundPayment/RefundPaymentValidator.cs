using FluentValidation;

namespace Nexus.Modules.Payments.Features.RefundPayment;

internal sealed class RefundPaymentValidator : AbstractValidator<Contracts.RefundPayment>
{
    public RefundPaymentValidator()
    {
        RuleFor(r => r.PaymentId).NotEmpty();
        RuleFor(r => r.Amount).InclusiveBetween(1, 99_999_999).When(r => r.Amount is not null).WithMessage("A refund amount must be between 1 and 99,999,999 minor units.");
        RuleFor(r => r.Reason).MaximumLength(200);
    }
}
