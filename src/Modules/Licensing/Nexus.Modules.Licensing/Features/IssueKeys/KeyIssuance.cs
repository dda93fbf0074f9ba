using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nexus.Modules.Licensing.Contracts;
using Nexus.Modules.Licensing.Contracts.Events;
using Nexus.Modules.Licensing.Data;
using Nexus.Modules.Licensing.Domain;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Application;
using Nexus.Shared.SubApps.Live;

namespace Nexus.Modules.Licensing.Features.IssueKeys;

/// <summary>
/// Issues one key per unit of each licensed line of an order, once: lines whose product already has keys for the
/// order are skipped, so the order-paid event (delivered at least once) and the command may both run safely.
/// Once new keys are committed, the customer's open Licensing pages are told to show them, and
/// <see cref="LicenseKeysIssued"/> leaves with the commit (the shop's notification centre tells the customer).
/// </summary>
internal sealed class KeyIssuance
{
    private readonly LicensingDbContext db;
    private readonly TimeProvider clock;
    private readonly LicensingOptions options;
    private readonly AfterCommit afterCommit;
    private readonly SubAppLiveNotifier live;
    private readonly IIntegrationEventPublisher events;

    public KeyIssuance(LicensingDbContext db, TimeProvider clock, IOptions<LicensingOptions> options, AfterCommit afterCommit, SubAppLiveNotifier live, IIntegrationEventPublisher events)
    {
        this.events = events;
        this.db = db;
        this.clock = clock;
        this.options = options.Value;
        this.afterCommit = afterCommit;
        this.live = live;
    }

    public async Task<IReadOnlyList<IssuedLicenseKey>> IssueAsync(Guid orderId, string customerId, IEnumerable<LicensedOrderLine> lines, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var existing = await db.Keys.Where(k => k.OrderId == orderId).ToListAsync(cancellationToken);
        var issued = existing.Select(k => new IssuedLicenseKey(k.Id, k.ProductId, k.Key)).ToList();
        var fresh = new List<LicensedProductKeys>();
        foreach (var line in lines.Where(l => l.Quantity > 0))
        {
            if (existing.Any(k => k.ProductId == line.ProductId))
            {
                continue;
            }

            for (var unit = 0; unit < line.Quantity; unit++)
            {
                var key = LicenseKey.Issue(LicenseKeyFormat.NewKey(), orderId, customerId, line.ProductId, line.ProductName, options.MaxActivationsPerKey, now);
                db.Keys.Add(key);
                issued.Add(new IssuedLicenseKey(key.Id, key.ProductId, key.Key));
            }

            fresh.Add(new LicensedProductKeys(line.ProductId, line.ProductName, line.Quantity));
        }

        if (issued.Count > existing.Count)
        {
            // After the commit, never before: a page told earlier would re-read the list without the new keys.
            afterCommit.Enqueue(db, ct => live.NotifyUserAsync(LicensingModule.SubApp, customerId, LiveTopics.Keys, ct));
            events.Publish(new LicenseKeysIssued(orderId, customerId, fresh));
        }

        return issued;
    }
}
