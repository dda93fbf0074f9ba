using FluentValidation;

namespace Nexus.Modules.Payments.Features.Webhooks;

internal sealed class ReplayWebhookValidator : AbstractValidator<ReplayWebhook>
{
    public ReplayWebhookValidator()
    {
        RuleFor(r => r.DeliveryId).NotEmpty();
        RuleFor(r => r.ReplayedBy).NotEmpty().MaximumLength(100);
    }
}
