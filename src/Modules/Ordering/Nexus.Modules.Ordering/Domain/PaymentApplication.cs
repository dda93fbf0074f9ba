namespace Nexus.Modules.Ordering.Domain;

/// <summary>What telling an order "this payment was captured" came to.</summary>
internal enum PaymentApplication
{
    /// <summary>The order is paid now.</summary>
    Applied,

    /// <summary>This payment had paid it already (a second telling of the same success).</summary>
    AlreadyApplied,

    /// <summary>The order had been cancelled (left unpaid too long); the money goes back.</summary>
    OrderCancelled,

    /// <summary>Another payment paid it already; this one's money goes back.</summary>
    PaidByAnotherPayment,
}
