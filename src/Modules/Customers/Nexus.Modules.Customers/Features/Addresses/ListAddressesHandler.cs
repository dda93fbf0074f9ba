using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Customers.Domain;

namespace Nexus.Modules.Customers.Features.Addresses;

internal sealed class ListAddressesHandler : IRequestHandler<ListAddresses, IReadOnlyList<Address>>
{
    private readonly CustomersDbContext db;

    public ListAddressesHandler(CustomersDbContext db) => this.db = db;

    public async Task<IReadOnlyList<Address>> Handle(ListAddresses request, CancellationToken cancellationToken) =>
        AddressBook.InBookOrder(await db.Addresses.AsNoTracking().Where(a => a.UserId == request.UserId).ToListAsync(cancellationToken))
            .ToList();
}
