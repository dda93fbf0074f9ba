namespace Nexus.Modules.Ordering.Domain;

/// <summary>So many units of one order line (what a shipment carries, what a refund gives back for).</summary>
internal sealed record OrderLineQuantity(Guid LineId, int Quantity);
