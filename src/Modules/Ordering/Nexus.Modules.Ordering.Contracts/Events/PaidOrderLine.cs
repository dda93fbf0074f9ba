namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>A line of a paid order, as it was bought.</summary>
public sealed record PaidOrderLine(Guid ProductId, string ProductName, int Quantity, long UnitPriceMinor, string Currency, bool IsDigital);
