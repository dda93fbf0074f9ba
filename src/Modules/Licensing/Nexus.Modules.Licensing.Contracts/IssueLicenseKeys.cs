using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Licensing.Contracts;

/// <summary>
/// Issues one license key per unit of each digital line of a paid order. Idempotent per order and product: a
/// redelivered order-paid event issues nothing new. Returns the keys of the order.
/// </summary>
public sealed record IssueLicenseKeys(Guid OrderId, string CustomerId, IReadOnlyList<LicensedOrderLine> Lines) : ICommand<IReadOnlyList<IssuedLicenseKey>>;
