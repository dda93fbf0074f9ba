using FluentValidation;

namespace Nexus.Modules.Payments.Features.RefreshPayment;

internal sealed class RefreshPaymentValidator : AbstractValidator<Contracts.RefreshPayment>
{
    public RefreshPaymentValidator() => RuleFor(r => r.PaymentId).NotEmpty();
}
