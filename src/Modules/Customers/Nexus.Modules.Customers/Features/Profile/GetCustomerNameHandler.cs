using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Contracts;
using Nexus.Modules.Customers.Data;

namespace Nexus.Modules.Customers.Features.Profile;

/// <summary>The profile's display name for the account overview's greeting.</summary>
internal sealed class GetCustomerNameHandler : IRequestHandler<GetCustomerName, string?>
{
    private readonly CustomersDbContext db;

    public GetCustomerNameHandler(CustomersDbContext db) => this.db = db;

    public async Task<string?> Handle(GetCustomerName request, CancellationToken cancellationToken)
    {
        var name = await db.Profiles.AsNoTracking().Where(p => p.UserId == request.CustomerId).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken);
        return string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }
}
