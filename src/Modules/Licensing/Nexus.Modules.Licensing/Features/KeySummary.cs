using Nexus.Modules.Licensing.Domain;

namespace Nexus.Modules.Licensing.Features;

/// <summary>
/// One line of a key list: what the customer's keys page and support's search both show. Shared by those slices, so it
/// lives here rather than in either of them.
/// </summary>
internal sealed record KeySummary(Guid Id, string ProductName, string Key, int ActiveDevices, int MaxActivations, DateTime IssuedAt, bool Revoked, string CustomerId)
{
    public static KeySummary Of(LicenseKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.ProductName, key.Key, key.ActiveCount, key.MaxActivations, key.IssuedAt, key.RevokedAt is not null, key.CustomerId);
    }
}
