using FluentValidation;

namespace Nexus.Modules.Customers.Features.Addresses;

internal sealed class SaveAddressValidator : AbstractValidator<SaveAddress>
{
    public SaveAddressValidator()
    {
        RuleFor(x => x.Address.FullName).NotEmpty().WithMessage("Enter the recipient's name.").MaximumLength(100).OverridePropertyName("FullName");
        RuleFor(x => x.Address.Line1).NotEmpty().WithMessage("Enter the street and number.").MaximumLength(200).OverridePropertyName("Line1");
        RuleFor(x => x.Address.Line2).MaximumLength(200).OverridePropertyName("Line2");
        RuleFor(x => x.Address.City).NotEmpty().WithMessage("Enter the town or city.").MaximumLength(100).OverridePropertyName("City");
        RuleFor(x => x.Address.PostalCode).NotEmpty().WithMessage("Enter the postal code.")
            .Must(c => ContactRules.IsPostalCode(c ?? string.Empty)).WithMessage("Enter a postal code of 2 to 10 letters, digits, spaces or dashes.")
            .OverridePropertyName("PostalCode");
        RuleFor(x => x.Address.Region).MaximumLength(100).OverridePropertyName("Region");
        RuleFor(x => x.Address.CountryCode).Must(c => ContactRules.IsCountryCode(c ?? string.Empty)).WithMessage("Choose a country.").OverridePropertyName("CountryCode");
        RuleFor(x => x.Address.Phone).Must(p => ContactRules.IsPhone(p!)).When(x => !string.IsNullOrWhiteSpace(x.Address.Phone))
            .WithMessage("Enter a phone number of 6 to 20 digits, optionally starting with +.").OverridePropertyName("Phone");
    }
}
