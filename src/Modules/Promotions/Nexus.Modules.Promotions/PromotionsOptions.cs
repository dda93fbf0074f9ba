using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Promotions;

/// <summary><c>Modules:Promotions</c>.</summary>
internal sealed class PromotionsOptions : IValidatableObject
{
    /// <summary>The shop's currency: fixed-amount coupons and minimum subtotals are in it (keep it equal to Modules:Catalog:Currency).</summary>
    [Required]
    [RegularExpression("^[A-Z]{3}$", ErrorMessage = "Modules:Promotions:Currency must be a three-letter ISO 4217 code such as USD.")]
    public string Currency { get; set; } = "USD";

    /// <summary>
    /// The time zone the shop's dates are in (IANA or Windows id): a coupon's start and end are entered and shown to
    /// shoppers in it ("expired on 1 December 2026"), and stored in UTC.
    /// </summary>
    [Required]
    public string TimeZone { get; set; } = "UTC";

    public TimeZoneInfo ShopTimeZone() => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? string.Empty, out _))
        {
            yield return new ValidationResult($"Modules:Promotions:TimeZone '{TimeZone}' is not a time zone this machine knows (use an IANA id such as Europe/Berlin).", [nameof(TimeZone)]);
        }
    }
}
