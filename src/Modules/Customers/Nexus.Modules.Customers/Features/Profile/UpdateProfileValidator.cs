using FluentValidation;

namespace Nexus.Modules.Customers.Features.Profile;

internal sealed class UpdateProfileValidator : AbstractValidator<UpdateProfile>
{
    public UpdateProfileValidator()
    {
        RuleFor(x => x.DisplayName).MaximumLength(100).WithMessage("Use at most 100 characters.");
        RuleFor(x => x.Phone).Must(ContactRules.IsPhone!).When(x => !string.IsNullOrWhiteSpace(x.Phone))
            .WithMessage("Enter a phone number of 6 to 20 digits, optionally starting with +.");
    }
}
