using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Payments.Data;

namespace Nexus.Modules.Payments.Features.WebhookLog;

internal sealed class WebhookLogHandler :
    IRequestHandler<SearchWebhookDeliveries, WebhookLogPage>,
    IRequestHandler<GetWebhookDelivery, WebhookDeliveryView?>
{
    private const int PageSize = 50;

    private readonly PaymentsDbContext db;

    public WebhookLogHandler(PaymentsDbContext db) => this.db = db;

    public async Task<WebhookLogPage> Handle(SearchWebhookDeliveries request, CancellationToken cancellationToken)
    {
        var page = Math.Clamp(request.Page, 1, 10_000);
        var query = db.WebhookDeliveries.AsNoTracking();
        if (request.Outcome is { } outcome)
        {
            query = query.Where(d => d.Outcome == outcome);
        }

        if (request.Verification is { } verification)
        {
            query = query.Where(d => d.Verification == verification);
        }

        if (request.Text?.Trim() is { Length: > 0 and <= 100 } text)
        {
            query = query.Where(d => d.ProviderEventId == text || d.ProviderIntentId == text || d.EventType == text);
        }

        var rows = await query.OrderByDescending(d => d.ReceivedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * PageSize).Take(PageSize + 1).ToListAsync(cancellationToken);
        return new WebhookLogPage([.. rows.Take(PageSize)], page, rows.Count > PageSize);
    }

    public async Task<WebhookDeliveryView?> Handle(GetWebhookDelivery request, CancellationToken cancellationToken)
    {
        var delivery = await db.WebhookDeliveries.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.DeliveryId, cancellationToken);
        if (delivery is null)
        {
            return null;
        }

        var same = delivery.ProviderEventId is { } eventId
            ? await db.WebhookDeliveries.AsNoTracking().Where(d => d.ProviderEventId == eventId && d.Id != delivery.Id).OrderBy(d => d.ReceivedAt).Take(50).ToListAsync(cancellationToken)
            : [];
        return new WebhookDeliveryView(delivery, same);
    }
}
