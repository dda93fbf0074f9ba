using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Licensing.Domain;

namespace Nexus.Modules.Licensing.Features.Activation;

internal sealed class ActivationHandler : IRequestHandler<ActivateDevice, ActivationResult?>, IRequestHandler<DeactivateDevice, ActivationResult?>
{
    private readonly LicensingDbContext db;
    private readonly TimeProvider clock;

    public ActivationHandler(LicensingDbContext db, TimeProvider clock)
    {
        this.db = db;
        this.clock = clock;
    }

    public async Task<ActivationResult?> Handle(ActivateDevice request, CancellationToken cancellationToken)
    {
        var key = await FindAsync(request.Key, request.CustomerId, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var outcome = key.Activate(request.DeviceId.Trim(), request.DeviceName.Trim(), clock.GetUtcNow().UtcDateTime);
        return new ActivationResult(outcome, key.Id, key.ActiveCount, key.MaxActivations, outcome == ActivationOutcome.Activated);
    }

    public async Task<ActivationResult?> Handle(DeactivateDevice request, CancellationToken cancellationToken)
    {
        var key = await FindAsync(request.Key, request.CustomerId, cancellationToken);
        if (key is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = request.ActivationId is { } id ? key.Deactivate(id, now) : key.DeactivateDevice(request.DeviceId ?? string.Empty, now);
        // A deactivation reports what it did, never "Activated" (it once did, whatever happened).
        var outcome = changed ? ActivationOutcome.Deactivated : key.RevokedAt is null ? ActivationOutcome.NotActive : ActivationOutcome.Revoked;
        return new ActivationResult(outcome, key.Id, key.ActiveCount, key.MaxActivations, changed);
    }

    private Task<LicenseKey?> FindAsync(string key, string? customerId, CancellationToken cancellationToken)
    {
        var normalised = LicenseKeyFormat.Normalise(key);
        var query = db.Keys.Include(k => k.Activations).Include(k => k.History).AsSplitQuery().Where(k => k.Key == normalised);
        if (customerId is not null)
        {
            query = query.Where(k => k.CustomerId == customerId);
        }

        return query.FirstOrDefaultAsync(cancellationToken);
    }
}
