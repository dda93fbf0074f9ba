using FluentValidation;

namespace Nexus.Modules.Payments.Features.ConfirmPayment;

internal sealed class ConfirmPaymentValidator : AbstractValidator<Contracts.ConfirmPayment>
{
    public ConfirmPaymentValidator()
    {
        RuleFor(r => r.PaymentId).NotEmpty();
        RuleFor(r => r.CardNumber).NotEmpty().WithMessage("Enter the card number.")
            .MaximumLength(30)
            .Matches("^[0-9 -]+$").WithMessage("A card number has only digits (spaces and dashes are fine).");
    }
}
