using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Contracts;

/// <summary>Every payment of an order, oldest first.</summary>
public sealed record GetPaymentsForOrder(string OrderReference) : IQuery<IReadOnlyList<PaymentDetails>>;
