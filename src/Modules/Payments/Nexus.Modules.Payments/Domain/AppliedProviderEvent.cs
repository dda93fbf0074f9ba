namespace Nexus.Modules.Payments.Domain;

/// <summary>
/// A provider event the shop has handled (applied or found out of date). Its id is the primary key: a second delivery
/// of the same event, even at the same moment, cannot be applied twice.
/// </summary>
internal sealed class AppliedProviderEvent
{
    private AppliedProviderEvent()
    {
    }

    public string EventId { get; private set; } = string.Empty;

    public Guid DeliveryId { get; private set; }

    public DateTime AppliedAt { get; private set; }

    public static AppliedProviderEvent Of(string eventId, Guid deliveryId, DateTime now) => new() { EventId = eventId, DeliveryId = deliveryId, AppliedAt = now };
}
