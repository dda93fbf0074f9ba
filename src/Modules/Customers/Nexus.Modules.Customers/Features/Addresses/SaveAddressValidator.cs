using FluentValidation;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>
/// The address book's rules (<see cref="PostalAddressValidator"/>, the same as checkout's); failures are named after
/// the form's fields (<c>FullName</c>, not <c>Address.FullName</c>).
/// </summary>
internal sealed class SaveAddressValidator : AbstractValidator<SaveAddress>
{
    public SaveAddressValidator() =>
        RuleFor(x => x.Address).Custom((input, context) => PostalAddressValidator.Report(
            input is null ? null : new(input.FullName, input.Line1, input.Line2, input.City, input.PostalCode, input.Region, input.CountryCode, input.Phone),
            context));
}
