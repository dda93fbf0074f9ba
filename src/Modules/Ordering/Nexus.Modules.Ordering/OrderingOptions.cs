using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Ordering;

/// <summary><c>Modules:Ordering</c>.</summary>
internal sealed class OrderingOptions : IValidatableObject
{
    /// <summary>An order left unpaid this long is cancelled by the job and its stock and coupon use are given back.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Modules:Ordering:UnpaidOrderTimeout must be between 1 minute and 7 days.")]
    public TimeSpan UnpaidOrderTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>When the unpaid-order job runs (5-field cron, UTC).</summary>
    [Required]
    public string UnpaidOrderCron { get; set; } = "* * * * *";

    /// <summary>Orders one client address may place (or pay attempts it may make) per minute; checkout is where card testing happens.</summary>
    [Range(1, 1_000_000)]
    public int CheckoutRequestsPerMinute { get; set; } = 60;

    /// <summary>How long a guest's browser keeps access to the orders it placed (confirmation, payment pages).</summary>
    [Range(typeof(TimeSpan), "01:00:00", "365.00:00:00")]
    public TimeSpan GuestOrderAccess { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Orders per page in the account's order history.</summary>
    [Range(5, 100)]
    public int OrdersPerPage { get; set; } = 10;

    /// <summary>
    /// The time zone the shop's dates are in (IANA or Windows id), as Modules:Promotions:TimeZone: the back office's
    /// order list filters and shows dates in it ("orders of 1 December" means the shop's 1 December), stored in UTC.
    /// </summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    public TimeZoneInfo ShopTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? string.Empty, out _))
        {
            yield return new ValidationResult($"Modules:Ordering:TimeZone '{TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/Berlin).", [nameof(TimeZone)]);
        }
    }
}
