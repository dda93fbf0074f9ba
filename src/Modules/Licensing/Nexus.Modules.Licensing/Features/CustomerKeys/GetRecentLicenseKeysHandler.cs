using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Modules.Licensing.Data;

namespace Nexus.Modules.Licensing.Features.CustomerKeys;

/// <summary>The overview's short list: only the customer's own keys, never the key strings (those need the Licenses tab).</summary>
internal sealed class GetRecentLicenseKeysHandler : IRequestHandler<GetRecentLicenseKeys, IReadOnlyList<RecentLicenseKey>>
{
    private const int MostShown = 20;

    private readonly LicensingDbContext db;

    public GetRecentLicenseKeysHandler(LicensingDbContext db) => this.db = db;

    public async Task<IReadOnlyList<RecentLicenseKey>> Handle(GetRecentLicenseKeys request, CancellationToken cancellationToken)
    {
        var count = Math.Clamp(request.Count, 0, MostShown);
        if (count == 0)
        {
            return [];
        }

        var keys = await db.Keys.AsNoTracking()
            .Where(k => k.CustomerId == request.CustomerId)
            .OrderByDescending(k => k.IssuedAt).ThenByDescending(k => k.Id)
            .Take(count)
            .Select(k => new { k.Id, k.ProductName, k.IssuedAt, k.RevokedAt })
            .ToListAsync(cancellationToken);
        return [.. keys.Select(k => new RecentLicenseKey(k.Id, k.ProductName, k.IssuedAt, k.RevokedAt != null))];
    }
}
