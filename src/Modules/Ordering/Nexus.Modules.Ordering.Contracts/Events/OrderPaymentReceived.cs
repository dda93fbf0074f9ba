using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>
/// An order was paid — published once, in the commit that first marked it paid, for every order (a guest's too;
/// <see cref="OrderPaid"/> waits for a customer). The cart the order came from removes the ordered lines now: it kept
/// them until the money arrived (docs/decisions/0023).
/// </summary>
[IntegrationEvent("ordering.order-payment-received", 1)]
public sealed record OrderPaymentReceived(Guid OrderId, string OrderNumber, Guid CartId) : IntegrationEvent;
