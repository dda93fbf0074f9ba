using FluentValidation;
using Nexus.Modules.Customers.Features;
using Nexus.Modules.Customers.Features.Profile;

namespace Nexus.Modules.Customers.Pages.Account;

/// <summary>
/// The profile form's checks in the browser (client-side adapters); the same rules as
/// <see cref="UpdateProfileValidator"/>, which stays the authority on the server.
/// </summary>
internal sealed class ProfileInputValidator : AbstractValidator<ProfileModel.ProfileInput>
{
    public ProfileInputValidator()
    {
        RuleFor(x => x.DisplayName).DisplayName();
        RuleFor(x => x.Phone).OptionalPhone();
    }
}
