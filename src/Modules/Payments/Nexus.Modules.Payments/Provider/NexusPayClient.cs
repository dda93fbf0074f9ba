using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Nexus.Modules.Payments.Domain;
using Nexus.Shared.Web;

namespace Nexus.Modules.Payments.Provider;

/// <summary>
/// <see cref="IPaymentProvider"/> over NexusPay's HTTP API — also when the stub runs inside this very host, so the
/// shop meets timeouts, retries and refusals as it would with a real provider. Each call has
/// <see cref="PaymentProviderOptions.Timeout"/>; only idempotent calls (reads, POSTs carrying an idempotency key)
/// are retried, and only after a connection failure or a 5xx/429 — never after a timeout, whose outcome is unknown
/// and is left to the webhook or the reconciliation job.
/// </summary>
internal sealed class NexusPayClient : IPaymentProvider
{
    public const string HttpClientName = "Nexus.Payments.Provider";

    private readonly IHttpClientFactory httpClients;
    private readonly IOptions<PaymentProviderOptions> options;
    private readonly PublicUrl publicUrl;

    public NexusPayClient(IHttpClientFactory httpClients, IOptions<PaymentProviderOptions> options, PublicUrl publicUrl)
    {
        this.httpClients = httpClients;
        this.options = options;
        this.publicUrl = publicUrl;
    }

    private Uri BaseUrl
    {
        get
        {
            var configured = options.Value.BaseUrl?.AbsoluteUri ?? publicUrl.Absolute("/_stub-provider/v1/");
            return new Uri(configured.EndsWith('/') ? configured : configured + "/");
        }
    }

    public async Task<ProviderSnapshot> CreateIntentAsync(long amount, string currency, string reference, string returnUrl, string idempotencyKey, CancellationToken cancellationToken)
    {
        var body = new { amount, currency, reference, return_url = returnUrl };
        return NexusPayWire.Snapshot(await SendAsync<IntentWire>(HttpMethod.Post, "payment_intents", body, idempotencyKey, cancellationToken));
    }

    public async Task<ProviderSnapshot> ConfirmAsync(string intentId, string cardNumber, string idempotencyKey, CancellationToken cancellationToken) =>
        NexusPayWire.Snapshot(await SendAsync<IntentWire>(HttpMethod.Post, $"payment_intents/{Uri.EscapeDataString(intentId)}/confirm", new { card_number = cardNumber }, idempotencyKey, cancellationToken));

    public async Task<ProviderSnapshot> GetIntentAsync(string intentId, CancellationToken cancellationToken) =>
        NexusPayWire.Snapshot(await SendAsync<IntentWire>(HttpMethod.Get, $"payment_intents/{Uri.EscapeDataString(intentId)}", null, null, cancellationToken));

    public async Task<ProviderRefundResult> RefundAsync(string intentId, long amount, string reference, string idempotencyKey, CancellationToken cancellationToken)
    {
        var answer = await SendAsync<RefundAnswerWire>(HttpMethod.Post, "refunds", new { payment_intent = intentId, amount, reference }, idempotencyKey, cancellationToken);
        return new ProviderRefundResult(NexusPayWire.Refund(answer?.Refund), NexusPayWire.Snapshot(answer?.PaymentIntent));
    }

    private async Task<T?> SendAsync<T>(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var idempotent = method == HttpMethod.Get || idempotencyKey is not null;
        var client = httpClients.CreateClient(HttpClientName);
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(settings.Timeout);
            using var request = new HttpRequestMessage(method, new Uri(BaseUrl, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }

            if (body is not null)
            {
                request.Content = JsonContent.Create(body, options: NexusPayWire.Options);
            }

            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, timeout.Token);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ProviderUnavailableException($"The payment provider did not answer within {settings.Timeout.TotalSeconds:0.#} s.", ex);
            }
            catch (HttpRequestException ex)
            {
                if (idempotent && attempt < settings.Retries)
                {
                    await Backoff(attempt, cancellationToken);
                    continue;
                }

                throw new ProviderUnavailableException("The payment provider could not be reached.", ex);
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                if (status >= 500 || response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    if (idempotent && attempt < settings.Retries)
                    {
                        await Backoff(attempt, cancellationToken);
                        continue;
                    }

                    throw new ProviderUnavailableException($"The payment provider answered {status}.");
                }

                try
                {
                    if (!response.IsSuccessStatusCode)
                    {
                        var error = await response.Content.ReadFromJsonAsync<ErrorAnswerWire>(NexusPayWire.Options, timeout.Token);
                        throw new ProviderRefusedException(status, error?.Error?.Code ?? "unknown", error?.Error?.Message ?? $"The payment provider refused the request ({status}).");
                    }

                    return await response.Content.ReadFromJsonAsync<T>(NexusPayWire.Options, timeout.Token);
                }
                catch (JsonException ex)
                {
                    throw new ProviderProtocolException($"The payment provider's answer ({status}) is not the JSON expected.", ex);
                }
                catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
                {
                    throw new ProviderUnavailableException($"The payment provider did not finish its answer within {settings.Timeout.TotalSeconds:0.#} s.", ex);
                }
            }
        }
    }

    private static Task Backoff(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), cancellationToken);
}
