using FluentValidation;
using Nexus.Modules.Customers.Contracts;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>The address book's rules (<see cref="PostalAddressValidator"/>), failures named by field.</summary>
internal sealed class AddToAddressBookValidator : AbstractValidator<AddToAddressBook>
{
    public AddToAddressBookValidator()
    {
        RuleFor(x => x.CustomerId).NotEmpty();
        RuleFor(x => x.Address).Custom(PostalAddressValidator.Report);
    }
}
