namespace Nexus.Payments.StubProvider.Domain;

/// <summary>The event types the provider sends to the shop's webhook endpoint.</summary>
internal static class EventTypes
{
    public const string Processing = "payment_intent.processing";
    public const string RequiresAction = "payment_intent.requires_action";
    public const string Succeeded = "payment_intent.succeeded";
    public const string PaymentFailed = "payment_intent.payment_failed";
    public const string RefundSucceeded = "refund.succeeded";
}
