using System.Text.Json;
using System.Text.Json.Serialization;
using Nexus.Modules.Payments.Domain;

namespace Nexus.Modules.Payments.Provider;

/// <summary>NexusPay's JSON (snake_case), read into the shop's own types. Anything unreadable is a <see cref="ProviderProtocolException"/>.</summary>
internal static class NexusPayWire
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static ProviderSnapshot Snapshot(IntentWire? wire)
    {
        if (wire is not { Id.Length: > 0, Status.Length: > 0, Currency.Length: > 0, Reference: not null } || wire.Version <= 0)
        {
            throw new ProviderProtocolException("The payment intent in the provider's answer is incomplete.");
        }

        return new ProviderSnapshot(
            wire.Id, wire.Reference, wire.Amount, wire.Currency, wire.Status, wire.AmountRefunded, wire.Version, wire.CardLast4,
            wire.LastPaymentError?.Code, wire.LastPaymentError?.DeclineCode, wire.LastPaymentError?.Message, wire.NextAction?.RedirectUrl);
    }

    public static ProviderRefundInfo Refund(RefundWire? wire) =>
        wire is { Id.Length: > 0, PaymentIntent.Length: > 0, Status.Length: > 0 } && wire.Amount > 0
            ? new ProviderRefundInfo(wire.Id, wire.PaymentIntent, wire.Amount, wire.Status, wire.Reference)
            : throw new ProviderProtocolException("The refund in the provider's answer is incomplete.");

    /// <summary>Reads a webhook body: an event with the intent's snapshot (and the refund, for refund events).</summary>
    public static ProviderEvent Event(string body)
    {
        EventWire? wire;
        try
        {
            wire = JsonSerializer.Deserialize<EventWire>(body, Options);
        }
        catch (JsonException ex)
        {
            throw new ProviderProtocolException("The body is not JSON.", ex);
        }

        if (wire is not { Id.Length: > 0 and <= 100, Type.Length: > 0 and <= 64, Data: not null })
        {
            throw new ProviderProtocolException("The body is not a provider event (id, type and data are required).");
        }

        var intent = Snapshot(wire.Data.PaymentIntent);
        var refund = wire.Data.Refund is null ? null : Refund(wire.Data.Refund);
        if (wire.Created is <= 0 or > 253402300799)
        {
            throw new ProviderProtocolException("The event's created time is not a Unix time.");
        }

        return new ProviderEvent(wire.Id, wire.Type, DateTimeOffset.FromUnixTimeSeconds(wire.Created), intent, refund);
    }
}

internal sealed record IntentWire(
    string? Id,
    long Amount,
    string? Currency,
    string? Status,
    long AmountRefunded,
    string? Reference,
    int Version,
    string? CardLast4,
    PaymentErrorWire? LastPaymentError,
    NextActionWire? NextAction);

internal sealed record PaymentErrorWire(string? Code, string? DeclineCode, string? Message);

internal sealed record NextActionWire(string? Type, string? RedirectUrl);

internal sealed record RefundWire(string? Id, long Amount, string? PaymentIntent, string? Status, string? Reference);

internal sealed record RefundAnswerWire(RefundWire? Refund, IntentWire? PaymentIntent);

internal sealed record EventWire(string? Id, string? Type, long Created, EventDataWire? Data);

internal sealed record EventDataWire(IntentWire? PaymentIntent, RefundWire? Refund);

internal sealed record ErrorAnswerWire(ErrorWire? Error);

internal sealed record ErrorWire(string? Type, string? Code, string? Message, string? Param);
