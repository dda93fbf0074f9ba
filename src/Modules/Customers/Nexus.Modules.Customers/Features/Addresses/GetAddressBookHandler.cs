using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Contracts;
using Nexus.Modules.Customers.Data;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>Checkout's view of the customer's saved addresses, in the same order as the account's address page.</summary>
internal sealed class GetAddressBookHandler : IRequestHandler<GetAddressBook, IReadOnlyList<AddressBookEntry>>
{
    private readonly CustomersDbContext db;

    public GetAddressBookHandler(CustomersDbContext db) => this.db = db;

    public async Task<IReadOnlyList<AddressBookEntry>> Handle(GetAddressBook request, CancellationToken cancellationToken) =>
        AddressBook.InBookOrder(await db.Addresses.AsNoTracking().Where(a => a.UserId == request.CustomerId).ToListAsync(cancellationToken))
            .Select(a => new AddressBookEntry(a.Id, AddressBook.ToPostalAddress(a), a.IsDefaultShipping, a.IsDefaultBilling))
            .ToList();
}
