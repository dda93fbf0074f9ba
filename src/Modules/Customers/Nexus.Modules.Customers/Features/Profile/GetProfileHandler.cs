using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Data;

namespace Nexus.Modules.Customers.Features.Profile;

internal sealed class GetProfileHandler : IRequestHandler<GetProfile, ProfileView>
{
    private readonly CustomersDbContext db;

    public GetProfileHandler(CustomersDbContext db) => this.db = db;

    public async Task<ProfileView> Handle(GetProfile request, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.AsNoTracking().SingleOrDefaultAsync(p => p.UserId == request.UserId, cancellationToken);
        return new ProfileView(profile?.DisplayName, profile?.Phone);
    }
}
