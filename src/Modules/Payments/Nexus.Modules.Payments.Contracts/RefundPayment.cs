using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Contracts;

/// <summary>Gives money back on a captured payment: all that is left (<paramref name="Amount"/> null) or part of it.</summary>
/// <param name="PaymentId">The payment.</param>
/// <param name="Amount">Minor units; null refunds everything not yet refunded.</param>
/// <param name="Reason">Why, for the record (optional, up to 200 characters).</param>
public sealed record RefundPayment(Guid PaymentId, long? Amount, string? Reason = null) : ICommand<RefundResult>;
