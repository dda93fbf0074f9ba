namespace Nexus.Modules.Ordering.Domain;

/// <summary>An address as it was when the order was placed (a copy: later edits to the address book do not change it).</summary>
internal sealed record AddressSnapshot(
    string FullName,
    string Line1,
    string? Line2,
    string City,
    string PostalCode,
    string? Region,
    string CountryCode,
    string? Phone)
{
    public IEnumerable<string> Lines()
    {
        yield return FullName;
        yield return Line1;
        if (!string.IsNullOrWhiteSpace(Line2))
        {
            yield return Line2;
        }

        yield return string.IsNullOrWhiteSpace(Region) ? $"{PostalCode} {City}" : $"{PostalCode} {City}, {Region}";
        yield return CountryCode;
    }
}
