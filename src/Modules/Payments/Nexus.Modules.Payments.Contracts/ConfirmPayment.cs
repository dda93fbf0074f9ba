using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Contracts;

/// <summary>
/// Tries a card on an open payment. The answer says what happened: succeeded, failed (with the decline code and a
/// message for the shopper), requires action (send the shopper to the challenge URL) or processing (the provider did
/// not answer in time; a webhook or the reconciliation job settles it). Null when there is no such payment.
/// </summary>
/// <param name="PaymentId">The payment.</param>
/// <param name="CardNumber">The card number as typed (spaces allowed). Test mode: see docs/decisions/0019 for the test cards.</param>
public sealed record ConfirmPayment(Guid PaymentId, string CardNumber) : ICommand<PaymentDetails?>;
