using FluentValidation;
using Nexus.Modules.Notifications.Contracts;

namespace Nexus.Modules.Notifications.Email;

internal sealed class SendEmailValidator : AbstractValidator<SendEmail>
{
    public SendEmailValidator()
    {
        RuleFor(x => x.To).NotEmpty().EmailAddress().MaximumLength(256);
        RuleFor(x => x.Template).Must(EmailTemplateRenderer.Exists).WithMessage("Unknown e-mail template.");
    }
}
