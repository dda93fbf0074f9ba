using System.Text;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Payments.Domain;
using Nexus.Modules.Payments.Features.Webhooks;

namespace Nexus.Modules.Payments.Api;

/// <summary>
/// <c>POST /api/payments/webhooks/stub</c>: the provider's machine call. Anonymous and without antiforgery (the
/// HMAC signature is its authentication; docs/security.md), rate-limited per client address, body at most 64 KB.
/// 400 for a refused signature or an unreadable event (nothing changed), 200 once handled (applied, duplicate, out of
/// date, unknown payment), 503 + Retry-After when it should come again.
/// </summary>
internal static class WebhookEndpoints
{
    public const string Path = "/api/payments/webhooks/stub";
    public const string RateLimitPolicy = "payments-webhooks";

    public static void MapWebhookEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, ReceiveAsync)
            .AllowAnonymous()
            .DisableAntiforgery()
            .RequireRateLimiting(RateLimitPolicy)
            .WithTags("Payments");
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, IServiceScopeFactory scopes)
    {
        var body = await ReadBodyAsync(http.Request);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The webhook body is larger than 64 KB.", type: "https://nexus.dev/problems/webhook-too-large");
        }

        var signature = http.Request.Headers[WebhookSignature.Header].ToString();
        // Two deliveries of one event at the same moment: the second's commit hits the ledger's key and is retried,
        // in a fresh scope, where it is seen as the duplicate it is.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var scope = scopes.CreateAsyncScope();
            WebhookReceipt receipt;
            try
            {
                receipt = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReceiveWebhook(signature.Length == 0 ? null : signature, body), http.RequestAborted);
            }
            catch (DbUpdateException)
            {
                continue;
            }

            return receipt.Outcome switch
            {
                WebhookOutcome.Refused => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Webhook signature refused.", detail: receipt.Detail, type: "https://nexus.dev/problems/webhook-signature"),
                WebhookOutcome.Malformed => Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The webhook body is not a readable event.", detail: receipt.Detail, type: "https://nexus.dev/problems/webhook-malformed"),
                WebhookOutcome.NotReady => RetryLater(http, receipt.Detail),
                _ => Results.Ok(new { received = true, outcome = receipt.Outcome.ToString() }),
            };
        }

        return RetryLater(http, "The payment was being changed by another request; deliver again.");
    }

    private static IResult RetryLater(HttpContext http, string? detail)
    {
        http.Response.Headers.RetryAfter = "5";
        return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Try this delivery again later.", detail: detail, type: "https://nexus.dev/problems/webhook-retry");
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > WebhookDelivery.MaxBodyLength)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[WebhookDelivery.MaxBodyLength + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), request.HttpContext.RequestAborted);
        return read > WebhookDelivery.MaxBodyLength ? null : new string(buffer, 0, read);
    }
}
