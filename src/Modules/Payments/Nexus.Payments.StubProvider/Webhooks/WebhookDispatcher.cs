using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nexus.Payments.StubProvider.Data;
using Nexus.Payments.StubProvider.Domain;
using Nexus.Shared.Web;

namespace Nexus.Payments.StubProvider.Webhooks;

/// <summary>
/// The provider's background work: settles slow-card intents whose time has come and delivers due events to the
/// shop's webhook endpoint, signed per attempt; a non-2xx answer (or none) is retried with a doubling delay.
/// </summary>
internal sealed partial class WebhookDispatcher : BackgroundService
{
    public const string HttpClientName = "NexusPay.Webhooks";

    private readonly IServiceScopeFactory scopes;
    private readonly IHttpClientFactory httpClients;
    private readonly IOptions<NexusPayOptions> options;
    private readonly DispatchSignal signal;
    private readonly TimeProvider clock;
    private readonly PublicUrl publicUrl;
    private readonly ILogger<WebhookDispatcher> logger;

    public WebhookDispatcher(IServiceScopeFactory scopes, IHttpClientFactory httpClients, IOptions<NexusPayOptions> options, DispatchSignal signal, TimeProvider clock, PublicUrl publicUrl, ILogger<WebhookDispatcher> logger)
    {
        this.scopes = scopes;
        this.httpClients = httpClients;
        this.options = options;
        this.signal = signal;
        this.clock = clock;
        this.publicUrl = publicUrl;
        this.logger = logger;
    }

    /// <summary>Where events go: the configured URL, or the shop's own endpoint.</summary>
    public Uri Target => options.Value.WebhookUrl ?? new Uri(publicUrl.Absolute("/api/payments/webhooks/stub"));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
                await signal.WaitAsync(options.Value.DispatchInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The dispatcher must outlive a bad round (database busy, shop down): log and go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRoundFailed(ex);
                try
                {
                    await Task.Delay(options.Value.DispatchInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One round: settle what is due, then deliver what is due. Returns the number of delivery attempts.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NexusPayDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        // Oldest due first, so a backlog settles in the order the cards were used.
        var due = await db.Intents.Where(i => i.SettleAt != null && i.SettleAt <= now).OrderBy(i => i.SettleAt).Take(50).ToListAsync(cancellationToken);
        foreach (var intent in due)
        {
            EventRecorder.Record(db, intent.Settle(now), intent, null, now);
        }

        if (due.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var settings = options.Value;
        if (!settings.DeliverWebhooks)
        {
            return 0;
        }

        var heldUntil = now - (settings.DeliverOutOfOrder ? settings.OutOfOrderHold : settings.WebhookDelay);
        var query = db.Events.Where(e => e.NextAttemptAt != null && e.NextAttemptAt <= now && e.CreatedAt <= heldUntil);
        // In order: oldest first. Out of order (the test switch): newest first, so a later event overtakes an earlier one.
        var events = settings.DeliverOutOfOrder
            ? await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id).Take(20).ToListAsync(cancellationToken)
            : await query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(20).ToListAsync(cancellationToken);
        foreach (var stubEvent in events)
        {
            await DeliverAsync(stubEvent, settings, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        return events.Count;
    }

    private async Task DeliverAsync(StubEvent stubEvent, NexusPayOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, Target)
        {
            Content = new StringContent(stubEvent.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(WebhookSigner.Header, WebhookSigner.Sign(settings.WebhookSigningSecret, now.ToUnixTimeSeconds(), stubEvent.Payload));
        request.Headers.TryAddWithoutValidation("User-Agent", "NexusPay-Webhooks/1.0 (test mode)");
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                stubEvent.Delivered((int)response.StatusCode, clock.GetUtcNow().UtcDateTime);
            }
            else
            {
                stubEvent.Failed((int)response.StatusCode, $"The shop answered {(int)response.StatusCode}.", settings.WebhookRetryDelay, settings.WebhookMaxAttempts, clock.GetUtcNow().UtcDateTime);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            stubEvent.Failed(null, ex.Message, settings.WebhookRetryDelay, settings.WebhookMaxAttempts, clock.GetUtcNow().UtcDateTime);
        }

        if (stubEvent.DeliveredAt is null)
        {
            LogDeliveryFailed(stubEvent.Id, stubEvent.Type, stubEvent.Attempts, stubEvent.LastError);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "NexusPay test mode: delivering webhook {EventId} ({EventType}) failed on attempt {Attempt}: {Error}")]
    private partial void LogDeliveryFailed(string eventId, string eventType, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "NexusPay test mode: a dispatch round failed")]
    private partial void LogRoundFailed(Exception exception);
}
