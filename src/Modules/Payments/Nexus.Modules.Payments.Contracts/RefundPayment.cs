using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Contracts;

/// <summary>Gives money back on a captured payment: all that is left (<paramref name="Amount"/> null) or part of it.</summary>
/// <param name="PaymentId">The payment.</param>
/// <param name="Amount">Minor units; null refunds everything not yet refunded.</param>
/// <param name="Reason">Why, for the record (optional, up to 200 characters).</param>
/// <param name="RefundId">
/// The caller's id for this refund (an order's refund), used as the refund's id here, in the provider's reference and in
/// <c>RefundSucceeded</c>, so the caller recognises the confirmation. Asking again with the same id does not refund
/// twice: it answers where that refund stands. Null: Payments makes one.
/// </param>
public sealed record RefundPayment(Guid PaymentId, long? Amount, string? Reason = null, Guid? RefundId = null) : ICommand<RefundResult>;
