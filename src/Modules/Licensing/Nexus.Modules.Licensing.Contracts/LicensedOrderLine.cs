namespace Nexus.Modules.Licensing.Contracts;

/// <summary>A digital product line of a paid order.</summary>
public sealed record LicensedOrderLine(Guid ProductId, string ProductName, int Quantity);
