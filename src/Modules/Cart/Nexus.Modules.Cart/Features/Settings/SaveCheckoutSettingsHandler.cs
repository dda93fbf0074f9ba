using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Cart.Data;
using Nexus.Modules.Cart.Domain;

namespace Nexus.Modules.Cart.Features.Settings;

internal sealed class SaveCheckoutSettingsHandler : IRequestHandler<SaveCheckoutSettings, bool>
{
    private readonly CartDbContext db;
    private readonly TimeProvider clock;

    public SaveCheckoutSettingsHandler(CartDbContext db, TimeProvider clock)
    {
        this.db = db;
        this.clock = clock;
    }

    public async Task<bool> Handle(SaveCheckoutSettings request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var settings = await db.Settings.SingleOrDefaultAsync(s => s.Id == CheckoutSettings.SingletonId, cancellationToken);
        if (settings is null)
        {
            settings = CheckoutSettings.Defaults;
            db.Settings.Add(settings);
        }

        settings.Change(request.TaxRateBasisPoints, request.FreeShippingThresholdMinor, request.StandardShippingMinor, request.ExpressShippingMinor, request.ChangedBy, now);
        return true;
    }
}
