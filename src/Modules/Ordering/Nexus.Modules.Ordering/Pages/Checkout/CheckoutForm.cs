using System.ComponentModel.DataAnnotations;
using Nexus.Modules.Customers.Contracts;
using Nexus.Modules.Ordering.Domain;

namespace Nexus.Modules.Ordering.Pages.Checkout;

/// <summary>
/// What the checkout form posts. It carries no prices, lines or totals to trust: only who, where, how, the card and
/// the checkout's idempotency key (plus the total the shopper saw, to notice a change, never to charge it).
/// </summary>
internal sealed class CheckoutForm
{
    /// <summary>Made when the checkout page is first shown; unique per checkout (docs/decisions/0022).</summary>
    public string CheckoutKey { get; set; } = string.Empty;

    [Display(Name = "E-mail address")]
    public string? Email { get; set; }

    /// <summary>A saved address's id, or empty for the new address below.</summary>
    public Guid? SavedAddressId { get; set; }

    public string? FullName { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? City { get; set; }

    public string? PostalCode { get; set; }

    public string? Region { get; set; }

    public string? CountryCode { get; set; }

    public string? Phone { get; set; }

    public bool SaveToAddressBook { get; set; }

    public string ShippingMethod { get; set; } = Cart.Contracts.ShippingMethods.Standard;

    public string? CardNumber { get; set; }

    public long? ExpectedTotalMinor { get; set; }

    public PostalAddress TypedAddress() => new(
        FullName?.Trim() ?? string.Empty,
        Line1?.Trim() ?? string.Empty,
        string.IsNullOrWhiteSpace(Line2) ? null : Line2.Trim(),
        City?.Trim() ?? string.Empty,
        PostalCode?.Trim() ?? string.Empty,
        string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(),
        (CountryCode ?? string.Empty).Trim().ToUpperInvariant(),
        string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim());

    public static AddressSnapshot Snapshot(PostalAddress a) => new(a.FullName, a.Line1, a.Line2, a.City, a.PostalCode, a.Region, a.CountryCode, a.Phone);

    public void Fill(PostalAddress a)
    {
        FullName = a.FullName;
        Line1 = a.Line1;
        Line2 = a.Line2;
        City = a.City;
        PostalCode = a.PostalCode;
        Region = a.Region;
        CountryCode = a.CountryCode;
        Phone = a.Phone;
    }
}
