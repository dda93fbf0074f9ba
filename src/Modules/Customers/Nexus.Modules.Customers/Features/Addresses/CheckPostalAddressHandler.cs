using MediatR;
using Nexus.Modules.Customers.Contracts;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>
/// Judges an address by the address book's rules without saving it (a guest's checkout too). Bad input is the
/// answer here, not an exception: checkout shows the messages next to its fields.
/// </summary>
internal sealed class CheckPostalAddressHandler : IRequestHandler<CheckPostalAddress, IReadOnlyList<AddressProblem>>
{
    public Task<IReadOnlyList<AddressProblem>> Handle(CheckPostalAddress request, CancellationToken cancellationToken)
    {
        IReadOnlyList<AddressProblem> problems = request.Address is null
            ? [new AddressProblem(nameof(CheckPostalAddress.Address), "Enter an address.")]
            : PostalAddressValidator.Instance.Validate(request.Address).Errors
                .Select(f => new AddressProblem(f.PropertyName, f.ErrorMessage))
                .ToList();
        return Task.FromResult(problems);
    }
}
