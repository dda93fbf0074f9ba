using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Payments.Contracts;

/// <summary>
/// Opens a payment for an order at the provider (a payment intent). Sending it again for the same order while a
/// payment of the same amount is still open answers that payment instead of opening a second one.
/// </summary>
/// <param name="OrderReference">The order it pays (1–64 characters).</param>
/// <param name="Amount">Minor units, greater than zero.</param>
/// <param name="Currency">ISO 4217, three letters.</param>
/// <param name="ReturnPath">Where the provider sends the shopper back after a card challenge: a path on this shop (e.g. <c>/checkout/payment/return</c>).</param>
public sealed record CreatePayment(string OrderReference, long Amount, string Currency, string ReturnPath) : ICommand<PaymentDetails>;
