using Nexus.Modules.Payments.Contracts;

namespace Nexus.Modules.Payments.Domain;

/// <summary>How the provider's intent status maps onto the shop's <see cref="PaymentStatus"/>; one place.</summary>
internal static class PaymentStatusRules
{
    public static PaymentStatus FromProvider(ProviderSnapshot intent) => intent.Status switch
    {
        "succeeded" when intent.AmountRefunded >= intent.Amount => PaymentStatus.Refunded,
        "succeeded" when intent.AmountRefunded > 0 => PaymentStatus.PartiallyRefunded,
        "succeeded" => PaymentStatus.Succeeded,
        "requires_action" => PaymentStatus.RequiresAction,
        "processing" => PaymentStatus.Processing,
        "requires_payment_method" when intent.ErrorCode is not null => PaymentStatus.Failed,
        "requires_payment_method" => PaymentStatus.Pending,
        "canceled" => PaymentStatus.Failed,
        _ => throw new ProviderProtocolException($"Unknown payment intent status '{intent.Status}'."),
    };

    /// <summary>The money was captured (whatever was refunded since).</summary>
    public static bool IsCaptured(PaymentStatus status) => status is PaymentStatus.Succeeded or PaymentStatus.PartiallyRefunded or PaymentStatus.Refunded;

    /// <summary>A card may be tried on it.</summary>
    public static bool CanConfirm(PaymentStatus status) => status is PaymentStatus.Pending or PaymentStatus.Failed;
}
