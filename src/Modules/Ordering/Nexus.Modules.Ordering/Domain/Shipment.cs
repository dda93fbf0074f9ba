namespace Nexus.Modules.Ordering.Domain;

/// <summary>A parcel that left: which lines (and how many of each), the carrier, its tracking number and link.</summary>
internal sealed class Shipment
{
    public const int CarrierMaxLength = 32;
    public const int TrackingNumberMaxLength = 64;
    public const int TrackingUrlMaxLength = 300;

    private Shipment()
    {
    }

    public Guid Id { get; private set; }

    public Guid OrderId { get; private set; }

    /// <summary>The carrier's code in <see cref="Carriers"/>.</summary>
    public string Carrier { get; private set; } = string.Empty;

    public string TrackingNumber { get; private set; } = string.Empty;

    public string? TrackingUrl { get; private set; }

    public IReadOnlyList<OrderLineQuantity> Lines { get; private set; } = [];

    public DateTime ShippedAt { get; private set; }

    public static Shipment Of(Guid orderId, string carrier, string trackingNumber, string? trackingUrl, IReadOnlyList<OrderLineQuantity> lines, DateTime at) => new()
    {
        Id = Guid.CreateVersion7(),
        OrderId = orderId,
        Carrier = carrier,
        TrackingNumber = trackingNumber,
        TrackingUrl = trackingUrl,
        Lines = lines,
        ShippedAt = at,
    };
}
