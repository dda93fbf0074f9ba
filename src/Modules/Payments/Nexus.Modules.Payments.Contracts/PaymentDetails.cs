namespace Nexus.Modules.Payments.Contracts;

/// <summary>A payment of an order as the shop knows it. Money in minor units of <see cref="Currency"/>.</summary>
/// <param name="PaymentId">The shop's id of the payment.</param>
/// <param name="OrderReference">The order it pays (Ordering's reference, e.g. its order number).</param>
/// <param name="Amount">The amount to capture.</param>
/// <param name="Currency">ISO 4217, lower case (e.g. <c>eur</c>).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="AmountRefunded">Given back so far.</param>
/// <param name="FailureCode">The decline code of the last failed attempt (<c>card_declined</c>, <c>insufficient_funds</c>, ...).</param>
/// <param name="FailureMessage">A message the shopper can read about the last failed attempt.</param>
/// <param name="ChallengeUrl">Where to send the shopper when <see cref="Status"/> is <see cref="PaymentStatus.RequiresAction"/>.</param>
/// <param name="CardLast4">The last four digits of the card tried last, if any.</param>
/// <param name="CreatedAt">UTC.</param>
/// <param name="UpdatedAt">UTC.</param>
public sealed record PaymentDetails(
    Guid PaymentId,
    string OrderReference,
    long Amount,
    string Currency,
    PaymentStatus Status,
    long AmountRefunded,
    string? FailureCode,
    string? FailureMessage,
    string? ChallengeUrl,
    string? CardLast4,
    DateTime CreatedAt,
    DateTime UpdatedAt);
