using FluentValidation;
using Nexus.Modules.Customers.Features;
using Nexus.Modules.Customers.Features.Addresses;

namespace Nexus.Modules.Customers.Pages.Account.Addresses;

/// <summary>
/// The address form's checks in the browser: FluentValidation's client-side adapters read this validator of the
/// page's bound model and emit <c>data-val-*</c> attributes (required, max length). Same rules as
/// <see cref="SaveAddressValidator"/>, which stays the authority on the server; nothing runs this one there.
/// </summary>
internal sealed class AddressFormValidator : AbstractValidator<AddressForm>
{
    public AddressFormValidator()
    {
        RuleFor(x => x.FullName).FullName();
        RuleFor(x => x.Line1).Line1();
        RuleFor(x => x.Line2).Line2();
        RuleFor(x => x.City).City();
        RuleFor(x => x.PostalCode).PostalCode();
        RuleFor(x => x.Region).Region();
        RuleFor(x => x.CountryCode).CountryCode();
        RuleFor(x => x.Phone).OptionalPhone();
    }
}
