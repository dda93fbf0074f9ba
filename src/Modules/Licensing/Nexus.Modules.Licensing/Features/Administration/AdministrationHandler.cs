using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Licensing.Domain;
using Nexus.Shared.Application;
using Nexus.Shared.SubApps.Live;

namespace Nexus.Modules.Licensing.Features.Administration;

internal sealed class AdministrationHandler :
    IRequestHandler<SearchKeys, IReadOnlyList<KeySummary>>,
    IRequestHandler<RevokeKey, bool>,
    IRequestHandler<ResetActivations, bool>
{
    private readonly LicensingDbContext db;
    private readonly TimeProvider clock;
    private readonly AfterCommit afterCommit;
    private readonly SubAppLiveNotifier live;

    public AdministrationHandler(LicensingDbContext db, TimeProvider clock, AfterCommit afterCommit, SubAppLiveNotifier live)
    {
        this.db = db;
        this.clock = clock;
        this.afterCommit = afterCommit;
        this.live = live;
    }

    public async Task<IReadOnlyList<KeySummary>> Handle(SearchKeys request, CancellationToken cancellationToken)
    {
        var query = db.Keys.AsNoTracking().Include(k => k.Activations).AsQueryable();
        var text = request.Text?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            var key = LicenseKeyFormat.Normalise(text);
            var pattern = $"%{text.ToUpperInvariant()}%";
            query = Guid.TryParse(text, out var orderId)
                ? query.Where(k => k.OrderId == orderId || k.Id == orderId)
                : query.Where(k => k.Key == key || EF.Functions.Like(k.ProductName.ToUpper(), pattern) || k.CustomerId == text);
        }

        var keys = await query.OrderByDescending(k => k.IssuedAt).Take(50).ToListAsync(cancellationToken);
        return [.. keys.Select(KeySummary.Of)];
    }

    public async Task<bool> Handle(RevokeKey request, CancellationToken cancellationToken)
    {
        var key = await LoadAsync(request.KeyId, cancellationToken);
        key?.Revoke(clock.GetUtcNow().UtcDateTime);
        TellOwner(key);
        return key is not null;
    }

    public async Task<bool> Handle(ResetActivations request, CancellationToken cancellationToken)
    {
        var key = await LoadAsync(request.KeyId, cancellationToken);
        key?.ResetActivations(clock.GetUtcNow().UtcDateTime);
        TellOwner(key);
        return key is not null;
    }

    /// <summary>The key's owner sees the change in an open Licensing tab once it is committed.</summary>
    private void TellOwner(LicenseKey? key)
    {
        if (key is not null)
        {
            var owner = key.CustomerId;
            afterCommit.Enqueue(db, ct => live.NotifyUserAsync(LicensingModule.SubApp, owner, LiveTopics.Keys, ct));
        }
    }

    private Task<LicenseKey?> LoadAsync(Guid id, CancellationToken cancellationToken) =>
        db.Keys.Include(k => k.Activations).Include(k => k.History).AsSplitQuery().FirstOrDefaultAsync(k => k.Id == id, cancellationToken);
}
