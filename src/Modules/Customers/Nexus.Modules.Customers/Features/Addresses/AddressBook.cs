using Nexus.Modules.Customers.Contracts;
using Nexus.Modules.Customers.Data;
using Nexus.Modules.Customers.Domain;

namespace Nexus.Modules.Customers.Features.Addresses;

/// <summary>
/// How an address is written into a shopper's book, shared by the account's form (<see cref="SaveAddress"/>) and
/// checkout (<see cref="AddToAddressBook"/>): the same clean-up of what was typed, the same order, the same defaults.
/// </summary>
internal static class AddressBook
{
    /// <summary>Trimmed, blanks as null, the postal code in upper case — what is stored and compared.</summary>
    public static PostalAddress Normalize(PostalAddress address) => new(
        address.FullName.Trim(),
        address.Line1.Trim(),
        Blank(address.Line2),
        address.City.Trim(),
        address.PostalCode.Trim().ToUpperInvariant(),
        Blank(address.Region),
        address.CountryCode.Trim().ToUpperInvariant(),
        Blank(address.Phone));

    public static PostalAddress Normalize(AddressInput input) => Normalize(new PostalAddress(
        input.FullName, input.Line1, input.Line2, input.City, input.PostalCode, input.Region, input.CountryCode, input.Phone));

    public static PostalAddress ToPostalAddress(Address address) => new(
        address.FullName, address.Line1, address.Line2, address.City, address.PostalCode, address.Region, address.CountryCode, address.Phone);

    public static void CopyFields(PostalAddress from, Address to)
    {
        to.FullName = from.FullName;
        to.Line1 = from.Line1;
        to.Line2 = from.Line2;
        to.City = from.City;
        to.PostalCode = from.PostalCode;
        to.Region = from.Region;
        to.CountryCode = from.CountryCode;
        to.Phone = from.Phone;
    }

    /// <summary>Adds a new entry to <paramref name="book"/> (the shopper's tracked addresses) and to the context.</summary>
    public static Address Add(CustomersDbContext db, List<Address> book, string userId, PostalAddress normalized, DateTime createdAt)
    {
        var address = new Address
        {
            UserId = userId,
            FullName = normalized.FullName,
            Line1 = normalized.Line1,
            City = normalized.City,
            PostalCode = normalized.PostalCode,
            CountryCode = normalized.CountryCode,
            CreatedAt = createdAt,
        };
        CopyFields(normalized, address);
        db.Addresses.Add(address);
        book.Add(address);
        return address;
    }

    /// <summary>Keeps one default shipping and one default billing address; the first address becomes both.</summary>
    public static void ApplyDefaults(List<Address> book, Address address, bool defaultShipping, bool defaultBilling)
    {
        var first = book.Count == 1;
        if (defaultShipping || first)
        {
            book.ForEach(a => a.IsDefaultShipping = a == address);
        }

        if (defaultBilling || first)
        {
            book.ForEach(a => a.IsDefaultBilling = a == address);
        }
    }

    /// <summary>The book's order everywhere it is shown: default shipping, then default billing, then oldest first.</summary>
    public static IEnumerable<Address> InBookOrder(IEnumerable<Address> addresses) =>
        addresses.OrderByDescending(a => a.IsDefaultShipping).ThenByDescending(a => a.IsDefaultBilling).ThenBy(a => a.CreatedAt);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
