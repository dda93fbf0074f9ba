namespace Nexus.Modules.Payments.Contracts;

/// <summary>What a refund request came to.</summary>
/// <param name="Outcome">Succeeded, pending (the provider did not answer in time; reconciliation finishes it) or why it was refused.</param>
/// <param name="RefundId">The shop's id of the refund when one was made.</param>
/// <param name="Amount">The amount refunded (or to be refunded) by this request.</param>
/// <param name="Payment">The payment after the refund; null when there is no such payment.</param>
/// <param name="Message">A sentence for the back office when refused.</param>
public sealed record RefundResult(RefundOutcome Outcome, Guid? RefundId, long Amount, PaymentDetails? Payment, string? Message);
