using System.Net.Http.Json;
using System.Text.Json;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Payments.Contracts;
using Nexus.Modules.Payments.Data;
using Nexus.Modules.Payments.Provider;
using Nexus.Payments.StubProvider.Webhooks;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Payments;

/// <summary>
/// A real host with Payments and the NexusPay stub in it. On the in-memory test server there is no socket, so the
/// adapter's and the stub's HTTP clients are given the test server's handler: the calls still go through HTTP
/// requests, the host's whole middleware pipeline and the API's authentication — only not through a port.
/// (<see cref="PaymentsKestrelTests"/> runs the same path over a real port.)
/// </summary>
internal static class PaymentsTestHost
{
    public static Dictionary<string, string?> FastSettings(IDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Modules:NexusPay:DispatchInterval"] = "00:00:00.100",
            ["Modules:NexusPay:WebhookDelay"] = "00:00:00.200",
            ["Modules:NexusPay:WebhookRetryDelay"] = "00:00:00.200",
            ["Modules:NexusPay:SlowCardDelay"] = "00:00:03",
            ["Modules:Payments:Provider:Timeout"] = "00:00:01",
            ["Modules:Payments:ReconcileAfter"] = "00:00:00",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static NexusHostFactory Create(IDictionary<string, string?>? extra = null, NexusHostFactory? onto = null)
    {
        var host = onto ?? new NexusHostFactory(FastSettings(extra));
        return host.WithTestAuthentication().WithServices(services =>
        {
            services.AddHttpClient(NexusPayClient.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => host.Server.CreateHandler());
            services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => host.Server.CreateHandler());
        });
    }

    public static async Task<T> SendAsync<T>(this NexusHostFactory host, IRequest<T> request)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    public static async Task<T> WithPaymentsDbAsync<T>(this NexusHostFactory host, Func<PaymentsDbContext, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<PaymentsDbContext>());
    }

    public static Task<PaymentDetails> OpenAsync(this NexusHostFactory host, long amount = 4990, string? order = null) =>
        host.SendAsync(new CreatePayment(order ?? $"NX-{Guid.NewGuid():N}"[..20], amount, "EUR", "/checkout/payment/return"));

    /// <summary>How many of the module's integration events named <paramref name="name"/> are in its outbox for the payment.</summary>
    public static Task<int> EventCountAsync(this NexusHostFactory host, string name, Guid paymentId) =>
        host.WithPaymentsDbAsync(db => db.Outbox.CountAsync(m => m.Name == name && m.Payload.Contains(paymentId.ToString())));

    /// <summary>Waits until every event the stub recorded for the intent was delivered and handled by the shop.</summary>
    public static async Task WebhooksSettledAsync(this NexusHostFactory host, string intentId, int atLeast)
    {
        await Eventually.TrueAsync(
            async () =>
            {
                var events = await StubEventsAsync(host, intentId);
                var handled = await host.WithPaymentsDbAsync(db => db.WebhookDeliveries.CountAsync(d => d.ProviderIntentId == intentId));
                return events.Count >= atLeast && events.All(e => e.GetProperty("delivered").GetBoolean()) && handled >= events.Count;
            },
            TimeSpan.FromSeconds(20),
            $"the stub's webhooks for {intentId} are delivered");
    }

    public static async Task<List<JsonElement>> StubEventsAsync(NexusHostFactory host, string intentId)
    {
        using var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", NexusHostFactory.TestPaymentApiKey);
        var list = await client.GetFromJsonAsync<JsonElement>($"/_stub-provider/v1/events?payment_intent={intentId}");
        return [.. list.GetProperty("data").EnumerateArray()];
    }

    public static Task<string> IntentIdAsync(this NexusHostFactory host, Guid paymentId) =>
        host.WithPaymentsDbAsync(async db => (await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId)).ProviderIntentId!);
}
