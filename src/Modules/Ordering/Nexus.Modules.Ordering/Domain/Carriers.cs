using System.Globalization;

namespace Nexus.Modules.Ordering.Domain;

/// <summary>
/// The carriers the shop ships with and how each one's tracking page is reached. A closed list: a shipment names one
/// of these codes, so the tracking link a customer follows is always one the shop built, never one typed in a form.
/// </summary>
internal static class Carriers
{
    public static readonly IReadOnlyList<Carrier> All =
    [
        new("dhl", "DHL", "https://www.dhl.com/global-en/home/tracking.html?tracking-id={0}"),
        new("ups", "UPS", "https://www.ups.com/track?tracknum={0}"),
        new("fedex", "FedEx", "https://www.fedex.com/fedextrack/?trknbr={0}"),
        new("royal-mail", "Royal Mail", "https://www.royalmail.com/track-your-item#/tracking-results/{0}"),
        new("usps", "USPS", "https://tools.usps.com/go/TrackConfirmAction?tLabels={0}"),
        new("other", "Other carrier", null),
    ];

    public static Carrier? Find(string? code) => All.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.OrdinalIgnoreCase));

    public static string NameOf(string code) => Find(code)?.Name ?? code;
}

/// <param name="TrackingUrlTemplate">The carrier's tracking page with <c>{0}</c> for the tracking number; null when there is none.</param>
internal sealed record Carrier(string Code, string Name, string? TrackingUrlTemplate)
{
    public string? TrackingUrl(string trackingNumber) =>
        TrackingUrlTemplate is null ? null : string.Format(CultureInfo.InvariantCulture, TrackingUrlTemplate, Uri.EscapeDataString(trackingNumber));
}
