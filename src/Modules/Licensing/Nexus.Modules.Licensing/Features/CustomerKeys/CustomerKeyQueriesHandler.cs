using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Licensing.Domain;

namespace Nexus.Modules.Licensing.Features.CustomerKeys;

internal sealed class CustomerKeyQueriesHandler : IRequestHandler<ListCustomerKeys, IReadOnlyList<KeySummary>>, IRequestHandler<GetCustomerKey, KeyDetails?>
{
    private readonly LicensingDbContext db;

    public CustomerKeyQueriesHandler(LicensingDbContext db) => this.db = db;

    public async Task<IReadOnlyList<KeySummary>> Handle(ListCustomerKeys request, CancellationToken cancellationToken)
    {
        var keys = await db.Keys.AsNoTracking().Include(k => k.Activations)
            .Where(k => k.CustomerId == request.CustomerId)
            .ToListAsync(cancellationToken);
        return [.. keys.OrderBy(k => k.ProductName).ThenByDescending(k => k.IssuedAt).Select(KeySummary.Of)];
    }

    public async Task<KeyDetails?> Handle(GetCustomerKey request, CancellationToken cancellationToken)
    {
        var key = await db.Keys.AsNoTracking().Include(k => k.Activations).Include(k => k.History)
            .AsSplitQuery()
            .FirstOrDefaultAsync(k => k.Id == request.KeyId && k.CustomerId == request.CustomerId, cancellationToken);
        return key is null ? null : Details(key);
    }

    internal static KeyDetails Details(LicenseKey key) => new(
        KeySummary.Of(key),
        [.. key.Activations.Where(a => a.DeactivatedAt is null).OrderBy(a => a.ActivatedAt).Select(a => new DeviceView(a.Id, a.DeviceName, a.ActivatedAt))],
        [.. key.History.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Select(e => new HistoryLine(Describe(e.Kind), e.Device, e.At))]);

    private static string Describe(LicenseEventKind kind) => kind switch
    {
        LicenseEventKind.Issued => "Key issued",
        LicenseEventKind.Activated => "Activated",
        LicenseEventKind.Deactivated => "Deactivated",
        LicenseEventKind.Refused => "Refused: device limit reached",
        LicenseEventKind.Revoked => "Key revoked",
        LicenseEventKind.Reset => "Activations reset by support",
        _ => kind.ToString(),
    };
}
