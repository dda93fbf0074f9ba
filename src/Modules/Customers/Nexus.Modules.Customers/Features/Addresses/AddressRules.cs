using Nexus.Modules.Customers.Contracts;
using FluentValidation;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>
/// The rules of an address's fields, written once: <see cref="SaveAddressValidator"/> applies them to the command
/// (the authority, run by the MediatR validation behaviour) and the address form's validator applies them to the
/// page's bound model, from which FluentValidation's client-side adapters emit the browser's <c>data-val-*</c> checks.
/// </summary>
internal static class AddressRules
{
    public static IRuleBuilderOptions<T, string?> FullName<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Enter the recipient's name.").MaximumLength(100);

    public static IRuleBuilderOptions<T, string?> Line1<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Enter the street and number.").MaximumLength(200);

    public static IRuleBuilderOptions<T, string?> Line2<T>(this IRuleBuilder<T, string?> rule) => rule.MaximumLength(200);

    public static IRuleBuilderOptions<T, string?> City<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Enter the town or city.").MaximumLength(100);

    public static IRuleBuilderOptions<T, string?> PostalCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Enter the postal code.")
            .Must(c => ContactRules.IsPostalCode(c ?? string.Empty)).WithMessage("Enter a postal code of 2 to 10 letters, digits, spaces or dashes.");

    public static IRuleBuilderOptions<T, string?> Region<T>(this IRuleBuilder<T, string?> rule) => rule.MaximumLength(100);

    public static IRuleBuilderOptions<T, string?> CountryCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(c => ContactRules.IsCountryCode(c ?? string.Empty)).WithMessage("Choose a country.")
            // A well-formed code the shop does not ship to gets its own message (a malformed one has the first).
            .Must(c => !ContactRules.IsCountryCode(c ?? string.Empty) || ShippingCountries.IsShippedTo(c))
            .WithMessage("We do not ship to that country yet; choose one from the list.");
}
