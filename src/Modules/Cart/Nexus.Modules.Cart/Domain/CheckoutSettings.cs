namespace Nexus.Modules.Cart.Domain;

/// <summary>
/// The shop's money rules for a cart, edited by Admin at <c>/admin/settings/checkout</c>: tax rate (basis points:
/// 1000 = 10%), the subtotal (after discount) from which standard shipping is free, and the two shipping rates.
/// One row (<see cref="SingletonId"/>); until Admin saves, <see cref="Defaults"/> apply (the numbers).
/// </summary>
internal sealed class CheckoutSettings
{
    public const int SingletonId = 1;
    public const int MaxTaxRateBasisPoints = 10_000;

    public static CheckoutSettings Defaults => new(taxRateBasisPoints: 1000, freeShippingThresholdMinor: 5000, standardShippingMinor: 599, expressShippingMinor: 1499, DateTime.UnixEpoch);

    private CheckoutSettings()
    {
    }

    public CheckoutSettings(int taxRateBasisPoints, long freeShippingThresholdMinor, long standardShippingMinor, long expressShippingMinor, DateTime updatedAt)
    {
        Id = SingletonId;
        TaxRateBasisPoints = taxRateBasisPoints;
        FreeShippingThresholdMinor = freeShippingThresholdMinor;
        StandardShippingMinor = standardShippingMinor;
        ExpressShippingMinor = expressShippingMinor;
        UpdatedAt = updatedAt;
    }

    public int Id { get; private set; }

    public int TaxRateBasisPoints { get; private set; }

    public long FreeShippingThresholdMinor { get; private set; }

    public long StandardShippingMinor { get; private set; }

    public long ExpressShippingMinor { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public string? UpdatedBy { get; private set; }

    public void Change(int taxRateBasisPoints, long freeShippingThresholdMinor, long standardShippingMinor, long expressShippingMinor, string? by, DateTime now)
    {
        TaxRateBasisPoints = taxRateBasisPoints;
        FreeShippingThresholdMinor = freeShippingThresholdMinor;
        StandardShippingMinor = standardShippingMinor;
        ExpressShippingMinor = expressShippingMinor;
        UpdatedBy = by;
        UpdatedAt = now;
    }

    /// <summary>The rate of a shipping method (<see cref="Contracts.ShippingMethods"/>); unknown methods are refused by the callers' validators.</summary>
    public long RateOf(string shippingMethod) =>
        shippingMethod == Contracts.ShippingMethods.Express ? ExpressShippingMinor : StandardShippingMinor;
}
