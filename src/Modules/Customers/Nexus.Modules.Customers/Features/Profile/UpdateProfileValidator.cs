using FluentValidation;

namespace Nexus.Modules.Customers.Features.Profile;

internal sealed class UpdateProfileValidator : AbstractValidator<UpdateProfile>
{
    public UpdateProfileValidator()
    {
        RuleFor(x => x.DisplayName).DisplayName();
        RuleFor(x => x.Phone).OptionalPhone();
    }
}
