using FluentValidation;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>Failures are named after the form's fields (<c>FullName</c>, not <c>Address.FullName</c>).</summary>
internal sealed class SaveAddressValidator : AbstractValidator<SaveAddress>
{
    public SaveAddressValidator()
    {
        RuleFor(x => x.Address.FullName).FullName().OverridePropertyName(nameof(AddressInput.FullName));
        RuleFor(x => x.Address.Line1).Line1().OverridePropertyName(nameof(AddressInput.Line1));
        RuleFor(x => x.Address.Line2).Line2().OverridePropertyName(nameof(AddressInput.Line2));
        RuleFor(x => x.Address.City).City().OverridePropertyName(nameof(AddressInput.City));
        RuleFor(x => x.Address.PostalCode).PostalCode().OverridePropertyName(nameof(AddressInput.PostalCode));
        RuleFor(x => x.Address.Region).Region().OverridePropertyName(nameof(AddressInput.Region));
        RuleFor(x => x.Address.CountryCode).CountryCode().OverridePropertyName(nameof(AddressInput.CountryCode));
        RuleFor(x => x.Address.Phone).OptionalPhone().OverridePropertyName(nameof(AddressInput.Phone));
    }
}
