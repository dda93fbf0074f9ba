using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Contracts;

/// <summary>
/// Asks the provider where a payment stands and records the answer — for the page the shopper returns to after a
/// card challenge, before the webhook may have arrived. Null when there is no such payment.
/// </summary>
public sealed record RefreshPayment(Guid PaymentId) : ICommand<PaymentDetails?>;
