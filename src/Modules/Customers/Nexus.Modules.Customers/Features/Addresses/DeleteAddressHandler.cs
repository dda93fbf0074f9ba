using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Data;

namespace Nexus.Modules.Customers.Features.Addresses;

internal sealed class DeleteAddressHandler : IRequestHandler<DeleteAddress, bool>
{
    private readonly CustomersDbContext db;

    public DeleteAddressHandler(CustomersDbContext db) => this.db = db;

    public async Task<bool> Handle(DeleteAddress request, CancellationToken cancellationToken)
    {
        var address = await db.Addresses.SingleOrDefaultAsync(a => a.Id == request.AddressId && a.UserId == request.UserId, cancellationToken);
        if (address is null)
        {
            return false;
        }

        db.Addresses.Remove(address);
        return true;
    }
}
