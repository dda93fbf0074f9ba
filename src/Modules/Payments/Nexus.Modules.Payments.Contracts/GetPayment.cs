using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Contracts;

/// <summary>One payment as the shop knows it (no call to the provider); null when there is none.</summary>
public sealed record GetPayment(Guid PaymentId) : IQuery<PaymentDetails?>;
