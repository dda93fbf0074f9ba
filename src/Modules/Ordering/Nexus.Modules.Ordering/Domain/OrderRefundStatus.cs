namespace Nexus.Modules.Ordering.Domain;

/// <summary>Where a refund of an order stands.</summary>
internal enum OrderRefundStatus
{
    /// <summary>Asked of the payment provider; its confirmation (answer or webhook) has not arrived. Counts against what is left to refund.</summary>
    Pending = 0,

    /// <summary>The provider confirmed it: the money went back.</summary>
    Succeeded = 1,

    /// <summary>The provider refused it; nothing went back and the amount can be refunded again.</summary>
    Failed = 2,
}
