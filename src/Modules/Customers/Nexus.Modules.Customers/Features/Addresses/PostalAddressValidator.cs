using FluentValidation;
using Nexus.Modules.Customers.Contracts;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>
/// The address book's rules (<see cref="AddressRules"/>) applied to an address as checkout sends it. The one place a
/// whole address is judged: <see cref="CheckPostalAddressHandler"/> answers its failures, and the validators of
/// <see cref="AddToAddressBook"/> and <see cref="SaveAddress"/> report them under the same field names, so the
/// account's form and checkout show the same messages.
/// </summary>
internal sealed class PostalAddressValidator : AbstractValidator<PostalAddress>
{
    public static readonly PostalAddressValidator Instance = new();

    public PostalAddressValidator()
    {
        RuleFor(x => (string?)x.FullName).FullName().OverridePropertyName(nameof(PostalAddress.FullName));
        RuleFor(x => (string?)x.Line1).Line1().OverridePropertyName(nameof(PostalAddress.Line1));
        RuleFor(x => x.Line2).Line2();
        RuleFor(x => (string?)x.City).City().OverridePropertyName(nameof(PostalAddress.City));
        RuleFor(x => (string?)x.PostalCode).PostalCode().OverridePropertyName(nameof(PostalAddress.PostalCode));
        RuleFor(x => x.Region).Region();
        RuleFor(x => (string?)x.CountryCode).CountryCode().OverridePropertyName(nameof(PostalAddress.CountryCode));
        RuleFor(x => x.Phone).OptionalPhone();
    }

    /// <summary>Adds the address's failures to a parent request's validation, named by field without a prefix.</summary>
    public static void Report<T>(PostalAddress? address, ValidationContext<T> context)
    {
        if (address is null)
        {
            context.AddFailure(nameof(AddToAddressBook.Address), "Enter an address.");
            return;
        }

        foreach (var failure in Instance.Validate(address).Errors)
        {
            context.AddFailure(failure.PropertyName, failure.ErrorMessage);
        }
    }
}
