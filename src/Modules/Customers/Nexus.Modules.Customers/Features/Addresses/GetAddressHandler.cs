using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Customers.Domain;

namespace Nexus.Modules.Customers.Features.Addresses;

internal sealed class GetAddressHandler : IRequestHandler<GetAddress, Address?>
{
    private readonly CustomersDbContext db;

    public GetAddressHandler(CustomersDbContext db) => this.db = db;

    public Task<Address?> Handle(GetAddress request, CancellationToken cancellationToken) =>
        db.Addresses.AsNoTracking().SingleOrDefaultAsync(a => a.Id == request.AddressId && a.UserId == request.UserId, cancellationToken);
}
