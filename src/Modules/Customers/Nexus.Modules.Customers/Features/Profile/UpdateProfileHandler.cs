using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Customers.Domain;

namespace Nexus.Modules.Customers.Features.Profile;

internal sealed class UpdateProfileHandler : IRequestHandler<UpdateProfile, bool>
{
    private readonly CustomersDbContext db;
    private readonly TimeProvider time;

    public UpdateProfileHandler(CustomersDbContext db, TimeProvider time)
    {
        this.db = db;
        this.time = time;
    }

    public async Task<bool> Handle(UpdateProfile request, CancellationToken cancellationToken)
    {
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.UserId == request.UserId, cancellationToken);
        if (profile is null)
        {
            profile = new CustomerProfile { UserId = request.UserId };
            db.Profiles.Add(profile);
        }

        profile.DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim();
        profile.Phone = string.IsNullOrWhiteSpace(request.Phone) ? null : request.Phone.Trim();
        profile.UpdatedAt = time.GetUtcNow().UtcDateTime;
        return true;
    }
}
