using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Payments.StubProvider.Domain;

namespace Nexus.Payments.StubProvider.Api;

/// <summary>The provider's wire format: snake_case JSON in the shape of the big providers' APIs.</summary>
internal static class StubJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static IntentJson Intent(StubIntent i) => new(
        i.Id,
        "payment_intent",
        i.Amount,
        i.Currency,
        i.Status,
        i.AmountRefunded,
        i.Reference,
        i.Version,
        i.CardLast4,
        i.LastErrorCode is null ? null : new PaymentErrorJson(i.LastErrorCode, i.LastDeclineCode, i.LastErrorMessage ?? string.Empty),
        i.ChallengeUrl is null ? null : new NextActionJson("redirect_to_url", i.ChallengeUrl),
        new DateTimeOffset(i.CreatedAt).ToUnixTimeSeconds(),
        Livemode: false);

    public static RefundJson Refund(StubRefund r) => new(r.Id, "refund", r.Amount, r.PaymentIntentId, r.Status, r.Reference, new DateTimeOffset(r.CreatedAt).ToUnixTimeSeconds());

    public static string Event(string id, string type, DateTime at, StubIntent intent, StubRefund? refund) =>
        JsonSerializer.Serialize(new EventJson(id, "event", type, new DateTimeOffset(at).ToUnixTimeSeconds(), new EventDataJson(Intent(intent), refund is null ? null : Refund(refund))), Options);

    public static ErrorJson Error(string type, string code, string message, string? param = null) => new(new ErrorBodyJson(type, code, message, param));
}

internal sealed record IntentJson(
    string Id,
    string Object,
    long Amount,
    string Currency,
    string Status,
    long AmountRefunded,
    string Reference,
    int Version,
    string? CardLast4,
    PaymentErrorJson? LastPaymentError,
    NextActionJson? NextAction,
    long Created,
    bool Livemode);

internal sealed record PaymentErrorJson(string Code, string? DeclineCode, string Message);

internal sealed record NextActionJson(string Type, string RedirectUrl);

internal sealed record RefundJson(string Id, string Object, long Amount, string PaymentIntent, string Status, string? Reference, long Created);

internal sealed record RefundWithIntentJson(RefundJson Refund, IntentJson PaymentIntent);

internal sealed record EventJson(string Id, string Object, string Type, long Created, EventDataJson Data);

internal sealed record EventDataJson(IntentJson PaymentIntent, RefundJson? Refund);

internal sealed record ErrorJson(ErrorBodyJson Error);

internal sealed record ErrorBodyJson(string Type, string Code, string Message, string? Param);

internal sealed record CreateIntentRequest(long? Amount, string? Currency, string? Reference, string? ReturnUrl);

internal sealed record ConfirmIntentRequest(string? CardNumber);

internal sealed record CreateRefundRequest(string? PaymentIntent, long? Amount, string? Reference);

internal sealed record ChallengeView(string IntentId, long Amount, string Currency, string? CardLast4);
