using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Modules.Ordering.Contracts.Events;

/// <summary>
/// Money went back to the customer: the provider confirmed a refund (its webhook), full or partial. Licensing revokes
/// the keys of refunded digital lines; Analytics counts refunds. A refund that names no lines (an amount only, say a
/// goodwill refund) has an empty <paramref name="Lines"/>.
/// </summary>
/// <param name="OrderFullyRefunded">Everything that was paid has now been refunded.</param>
[IntegrationEvent("ordering.refund-issued", 1)]
public sealed record RefundIssued(
    Guid OrderId,
    string OrderNumber,
    string? CustomerId,
    Guid RefundId,
    long AmountMinor,
    string Currency,
    string Reason,
    bool OrderFullyRefunded,
    IReadOnlyList<RefundedOrderLine> Lines) : IntegrationEvent;

/// <param name="Quantity">How many units of the line were refunded.</param>
public sealed record RefundedOrderLine(Guid ProductId, Guid VariantId, string Sku, int Quantity, bool IsDigital);
