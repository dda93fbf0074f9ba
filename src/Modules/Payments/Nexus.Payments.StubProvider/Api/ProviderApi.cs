using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nexus.Payments.StubProvider.Data;
using Nexus.Payments.StubProvider.Domain;
using Nexus.Payments.StubProvider.Webhooks;

namespace Nexus.Payments.StubProvider.Api;

/// <summary>
/// The provider's REST API under <c>/_stub-provider/v1</c>: secret-key authentication, idempotency keys on every POST,
/// snake_case JSON, errors as <c>{"error":{"type","code","message","param"}}</c> with 4xx statuses.
/// </summary>
internal static class ProviderApi
{
    public const string BasePath = "/_stub-provider/v1";
    private const int MaxBodyBytes = 16 * 1024;

    public static void MapProviderApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(BasePath).AllowAnonymous().DisableAntiforgery()
            .AddEndpointFilter(async (context, next) => Authenticated(context.HttpContext) ? await next(context) : Fail(401, "authentication_error", "invalid_api_key", "Invalid API key provided."));

        api.MapPost("/payment_intents", (HttpContext http, NexusPayDbContext db, TimeProvider clock) =>
            IdempotentAsync(http, db, clock, "create-intent", async body =>
            {
                var input = Parse<CreateIntentRequest>(body);
                if (input is null)
                {
                    return (400, Error("invalid_request_error", "parameter_invalid", "The body is not a JSON object."));
                }

                if (input.Amount is not (>= 1 and <= 99_999_999))
                {
                    return (400, Error("invalid_request_error", "parameter_invalid_integer", "Amount must be between 1 and 99,999,999 minor units.", "amount"));
                }

                if (input.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetter))
                {
                    return (400, Error("invalid_request_error", "parameter_invalid_string", "Currency must be a three-letter ISO code.", "currency"));
                }

                if (string.IsNullOrWhiteSpace(input.Reference) || input.Reference.Length > 64)
                {
                    return (400, Error("invalid_request_error", "parameter_invalid_string", "Reference must be 1 to 64 characters.", "reference"));
                }

                if (!Uri.TryCreate(input.ReturnUrl, UriKind.Absolute, out var returnUrl) || returnUrl.Scheme is not ("http" or "https") || input.ReturnUrl!.Length > 2000)
                {
                    return (400, Error("invalid_request_error", "url_invalid", "return_url must be an absolute http(s) URL.", "return_url"));
                }

                var intent = StubIntent.Create(input.Amount.Value, currency.ToLowerInvariant(), input.Reference, returnUrl.AbsoluteUri, clock.GetUtcNow().UtcDateTime);
                db.Intents.Add(intent);
                await db.SaveChangesAsync(http.RequestAborted);
                return (200, (object)StubJson.Intent(intent));
            }));

        api.MapGet("/payment_intents/{id}", async (string id, NexusPayDbContext db, CancellationToken ct) =>
            await db.Intents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct) is { } intent
                ? Json(200, StubJson.Intent(intent))
                : NoSuchIntent(id));

        api.MapPost("/payment_intents/{id}/confirm", (string id, HttpContext http, NexusPayDbContext db, TimeProvider clock, IOptions<NexusPayOptions> options, DispatchSignal signal) =>
            IdempotentAsync(http, db, clock, "confirm:" + id, async body =>
            {
                var input = Parse<ConfirmIntentRequest>(body);
                if (input is null || string.IsNullOrWhiteSpace(input.CardNumber) || input.CardNumber.Length > 30)
                {
                    return (400, Error("invalid_request_error", "parameter_missing", "card_number is required.", "card_number"));
                }

                var intent = await db.Intents.FirstOrDefaultAsync(i => i.Id == id, http.RequestAborted);
                if (intent is null)
                {
                    return (404, NoSuchIntentBody(id));
                }

                if (!intent.CanConfirm)
                {
                    return (400, Error("invalid_request_error", "payment_intent_unexpected_state", $"This payment intent's status is {intent.Status}; it cannot be confirmed."));
                }

                var now = clock.GetUtcNow().UtcDateTime;
                var card = TestCards.Classify(input.CardNumber);
                var challengeUrl = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/_stub-provider/challenge/{intent.Id}";
                var type = intent.Confirm(card, TestCards.Last4(input.CardNumber), challengeUrl, options.Value.SlowCardDelay, now);
                EventRecorder.Record(db, type, intent, null, now);
                await db.SaveChangesAsync(http.RequestAborted);
                signal.Notify();
                if (card == CardBehaviour.Slow)
                {
                    // The slow card: answer only after the delay (a shop with a shorter timeout gives up first). The
                    // dispatcher settles the intent when its time comes, whether or not anyone still waits here.
                    await Task.Delay(options.Value.SlowCardDelay, clock, http.RequestAborted);
                    var settled = await db.Intents.AsNoTracking().FirstAsync(i => i.Id == id, http.RequestAborted);
                    return (200, (object)StubJson.Intent(settled));
                }

                return (200, (object)StubJson.Intent(intent));
            }));

        api.MapPost("/refunds", (HttpContext http, NexusPayDbContext db, TimeProvider clock, DispatchSignal signal) =>
            IdempotentAsync(http, db, clock, "refund", async body =>
            {
                var input = Parse<CreateRefundRequest>(body);
                if (input?.PaymentIntent is not { Length: > 0 and <= 40 } intentId)
                {
                    return (400, Error("invalid_request_error", "parameter_missing", "payment_intent is required.", "payment_intent"));
                }

                var intent = await db.Intents.FirstOrDefaultAsync(i => i.Id == intentId, http.RequestAborted);
                if (intent is null)
                {
                    return (404, NoSuchIntentBody(intentId));
                }

                if (intent.Status != IntentStatus.Succeeded)
                {
                    return (400, Error("invalid_request_error", "charge_not_refundable", "Only a succeeded payment can be refunded."));
                }

                var amount = input.Amount ?? intent.Refundable;
                if (amount <= 0 && intent.Refundable == 0)
                {
                    return (400, Error("invalid_request_error", "charge_already_refunded", "This payment has been refunded in full already."));
                }

                if (amount <= 0)
                {
                    return (400, Error("invalid_request_error", "parameter_invalid_integer", "Amount must be greater than zero.", "amount"));
                }

                if (amount > intent.Refundable)
                {
                    return (400, Error("invalid_request_error", "amount_too_large", $"Refund amount ({amount}) is greater than what is left to refund ({intent.Refundable}).", "amount"));
                }

                if (input.Reference is { Length: > 64 })
                {
                    return (400, Error("invalid_request_error", "parameter_invalid_string", "Reference must be at most 64 characters.", "reference"));
                }

                var now = clock.GetUtcNow().UtcDateTime;
                var refund = StubRefund.Create(intent.Id, amount, input.Reference, now);
                intent.Refund(amount, now);
                db.Refunds.Add(refund);
                EventRecorder.Record(db, EventTypes.RefundSucceeded, intent, refund, now);
                await db.SaveChangesAsync(http.RequestAborted);
                signal.Notify();
                return (200, (object)new RefundWithIntentJson(StubJson.Refund(refund), StubJson.Intent(intent)));
            }));

        api.MapGet("/events", async (string? payment_intent, NexusPayDbContext db, CancellationToken ct) =>
        {
            var query = db.Events.AsNoTracking();
            if (!string.IsNullOrEmpty(payment_intent))
            {
                query = query.Where(e => e.PaymentIntentId == payment_intent);
            }

            var events = await query.OrderBy(e => e.CreatedAt).ThenBy(e => e.Id).Take(100).ToListAsync(ct);
            return Json(200, new
            {
                @object = "list",
                data = events.Select(e => new { e.Id, e.Type, payment_intent = e.PaymentIntentId, e.Attempts, delivered = e.DeliveredAt is not null, pending = e.NextAttemptAt is not null, last_status_code = e.LastStatusCode }),
            });
        });

        api.MapPost("/events/{id}/redeliver", async (string id, NexusPayDbContext db, TimeProvider clock, DispatchSignal signal, CancellationToken ct) =>
        {
            var stubEvent = await db.Events.FirstOrDefaultAsync(e => e.Id == id, ct);
            if (stubEvent is null)
            {
                return Fail(404, "invalid_request_error", "resource_missing", $"No such event: '{Truncate(id)}'.");
            }

            stubEvent.Redeliver(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            signal.Notify();
            return Json(202, new { id = stubEvent.Id, status = "scheduled" });
        });
    }

    /// <summary>
    /// Runs <paramref name="operation"/> at most once per <c>Idempotency-Key</c>: the same key with the same body gets
    /// the stored answer (header <c>Idempotent-Replayed: true</c>); with another body or while the first is still running, 409.
    /// </summary>
    private static async Task<IResult> IdempotentAsync(HttpContext http, NexusPayDbContext db, TimeProvider clock, string operationName, Func<string, Task<(int Status, object Body)>> operation)
    {
        var body = await ReadBodyAsync(http.Request);
        if (body is null)
        {
            return Fail(413, "invalid_request_error", "request_too_large", $"Request bodies are limited to {MaxBodyBytes} bytes.");
        }

        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length == 0)
        {
            var (status, result) = await operation(body);
            return Json(status, result);
        }

        if (key.Length > 255)
        {
            return Fail(400, "invalid_request_error", "idempotency_key_invalid", "Idempotency keys are at most 255 characters.");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(operationName + "\n" + body)));
        var existing = await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, http.RequestAborted);
        if (existing is null)
        {
            var record = IdempotencyRecord.Start(key, hash, clock.GetUtcNow().UtcDateTime);
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(http.RequestAborted);
            }
            catch (DbUpdateException)
            {
                // Another request with this key got there first.
                db.ChangeTracker.Clear();
                existing = await db.IdempotencyRecords.AsNoTracking().FirstAsync(r => r.Key == key, http.RequestAborted);
            }

            if (existing is null)
            {
                (int Status, object Body) outcome;
                try
                {
                    outcome = await operation(body);
                }
                catch
                {
                    // Nothing was answered: free the key so the client's retry runs the request.
                    db.ChangeTracker.Clear();
                    await db.IdempotencyRecords.Where(r => r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
                    throw;
                }

                var json = JsonSerializer.Serialize(outcome.Body, StubJson.Options);
                // A 4xx about the request itself is kept too (replaying it gives the same refusal), as real providers do.
                await db.IdempotencyRecords.Where(r => r.Key == key)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.StatusCode, outcome.Status).SetProperty(r => r.ResponseBody, json), CancellationToken.None);
                return Results.Content(json, "application/json", Encoding.UTF8, outcome.Status);
            }
        }

        if (existing.RequestHash != hash)
        {
            return Fail(409, "idempotency_error", "idempotency_key_reused", "Keys for idempotent requests can only be used with the same parameters they were first used with.");
        }

        if (existing.StatusCode == 0)
        {
            return Fail(409, "idempotency_error", "idempotency_key_in_use", "A request with this idempotency key is still being processed; retry later.");
        }

        http.Response.Headers["Idempotent-Replayed"] = "true";
        return Results.Content(existing.ResponseBody, "application/json", Encoding.UTF8, existing.StatusCode);
    }

    private static async Task<string?> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), request.HttpContext.RequestAborted);
        return read > MaxBodyBytes ? null : new string(buffer, 0, read);
    }

    private static T? Parse<T>(string body)
        where T : class
    {
        try
        {
            return body.Length == 0 ? null : JsonSerializer.Deserialize<T>(body, StubJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool Authenticated(HttpContext http)
    {
        var expected = http.RequestServices.GetRequiredService<IOptions<NexusPayOptions>>().Value.ApiKey;
        var header = http.Request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        if (!header.StartsWith(Bearer, StringComparison.Ordinal))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(header[Bearer.Length..])), SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }

    private static object Error(string type, string code, string message, string? param = null) => StubJson.Error(type, code, message, param);

    private static object NoSuchIntentBody(string id) => Error("invalid_request_error", "resource_missing", $"No such payment_intent: '{Truncate(id)}'.");

    private static IResult NoSuchIntent(string id) => Json(404, NoSuchIntentBody(id));

    private static IResult Fail(int status, string type, string code, string message) => Json(status, StubJson.Error(type, code, message));

    private static IResult Json(int status, object body) => Results.Json(body, StubJson.Options, "application/json", status);

    private static string Truncate(string id) => id.Length > 40 ? id[..40] + "…" : id;
}
