using FluentValidation;

namespace Nexus.Modules.Customers.Features.Profile;

/// <summary>
/// The profile's field rules, written once for <see cref="UpdateProfileValidator"/> (the authority) and the profile
/// form's validator (the browser's checks, through FluentValidation's client-side adapters).
/// </summary>
internal static class ProfileRules
{
    public static IRuleBuilderOptions<T, string?> DisplayName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.MaximumLength(100).WithMessage("Use at most 100 characters.");
}
