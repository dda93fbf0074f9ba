using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Licensing.Contracts.Events;

/// <summary>
/// New licence keys were issued to a customer for an order (the order was paid, or staff issued them). Published
/// through Licensing's outbox, so it reaches the shop the same way when Licensing runs as its own service; the
/// Notifications module tells the customer in the notification centre.
/// </summary>
[IntegrationEvent("licensing.license-keys-issued", 1)]
public sealed record LicenseKeysIssued(Guid OrderId, string CustomerId, IReadOnlyList<LicensedProductKeys> Products) : IntegrationEvent;

/// <param name="Keys">How many keys were issued for the product in this go.</param>
public sealed record LicensedProductKeys(Guid ProductId, string ProductName, int Keys);
