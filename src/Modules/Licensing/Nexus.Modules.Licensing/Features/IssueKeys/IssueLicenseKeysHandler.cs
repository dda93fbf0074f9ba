using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Licensing.Domain;

namespace Nexus.Modules.Licensing.Features.IssueKeys;

internal sealed class IssueLicenseKeysHandler : IRequestHandler<IssueLicenseKeys, IReadOnlyList<IssuedLicenseKey>>
{
    private readonly LicensingDbContext db;
    private readonly TimeProvider clock;
    private readonly LicensingOptions options;

    public IssueLicenseKeysHandler(LicensingDbContext db, TimeProvider clock, IOptions<LicensingOptions> options)
    {
        this.db = db;
        this.clock = clock;
        this.options = options.Value;
    }

    public async Task<IReadOnlyList<IssuedLicenseKey>> Handle(IssueLicenseKeys request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Keys.Where(k => k.OrderId == request.OrderId).ToListAsync(cancellationToken);
        var issued = existing.Select(k => new IssuedLicenseKey(k.Id, k.ProductId, k.Key)).ToList();
        foreach (var line in request.Lines.Where(l => l.Quantity > 0))
        {
            // Idempotent per order and product: the order-paid event is delivered at least once.
            if (existing.Any(k => k.ProductId == line.ProductId))
            {
                continue;
            }

            for (var unit = 0; unit < line.Quantity; unit++)
            {
                var key = new LicenseKey(Guid.CreateVersion7(), LicenseKeyFormat.NewKey(), request.OrderId, request.CustomerId,
                    line.ProductId, line.ProductName, options.MaxActivationsPerKey, now);
                db.Keys.Add(key);
                issued.Add(new IssuedLicenseKey(key.Id, key.ProductId, key.Key));
            }
        }

        return issued;
    }
}
