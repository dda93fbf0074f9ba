using Nexus.Modules.Payments.Domain;

namespace Nexus.Modules.Payments.Provider;

/// <summary>
/// The payment provider as the shop uses it. One implementation today (<see cref="NexusPayClient"/>, HTTP to the
/// NexusPay stub); a real provider is another implementation of this interface.
/// </summary>
/// <remarks>
/// Every call throws <see cref="ProviderUnavailableException"/> when no answer came in time (the outcome is then
/// unknown: the caller records that and lets a webhook or reconciliation settle it), and
/// <see cref="ProviderRefusedException"/> when the provider refused the request (a 4xx with an error code).
/// </remarks>
internal interface IPaymentProvider
{
    Task<ProviderSnapshot> CreateIntentAsync(long amount, string currency, string reference, string returnUrl, string idempotencyKey, CancellationToken cancellationToken);

    Task<ProviderSnapshot> ConfirmAsync(string intentId, string cardNumber, string idempotencyKey, CancellationToken cancellationToken);

    Task<ProviderSnapshot> GetIntentAsync(string intentId, CancellationToken cancellationToken);

    Task<ProviderRefundResult> RefundAsync(string intentId, long amount, string reference, string idempotencyKey, CancellationToken cancellationToken);
}
