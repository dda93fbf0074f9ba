namespace Nexus.Modules.Promotions.Domain;

/// <summary>One order's use of a coupon. At most one per order reference (unique), so a retried checkout counts once.</summary>
internal sealed class CouponRedemption
{
    public const int OrderReferenceMaxLength = 64;
    public const int CustomerKeyMaxLength = 256;

    public Guid Id { get; set; }

    public Guid CouponId { get; set; }

    public string OrderReference { get; set; } = string.Empty;

    /// <summary>The customer's id or the guest's e-mail address in lower case (as Ordering passes it).</summary>
    public string CustomerKey { get; set; } = string.Empty;

    public long DiscountMinor { get; set; }

    public string Currency { get; set; } = string.Empty;

    public DateTime RedeemedAt { get; set; }

    /// <summary>When the use was given back (payment failed, order cancelled); it then counts against no limit.</summary>
    public DateTime? ReleasedAt { get; set; }

    public bool Released => ReleasedAt is not null;
}
