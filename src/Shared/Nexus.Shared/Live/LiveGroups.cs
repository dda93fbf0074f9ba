using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Nexus.Shared.Live;

/// <summary>
/// The hub's groups. A connection is put in them by the server only (<see cref="ShopHub"/>, from the signed-in
/// identity and the cookies of the request that opened it); the client has no call that names a group, so a forged
/// user or cart id has nothing to be sent to.
/// </summary>
public static class LiveGroups
{
    /// <summary>Every connection: stock that runs out or comes back is public.</summary>
    public const string Stock = "stock";

    /// <summary>Connections of back-office staff (the BackOffice policy: Admin, Support).</summary>
    public const string Staff = "staff";

    /// <summary>All connections of one signed-in user, on every tab, device and instance.</summary>
    public static string User(string userId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        return "user:" + userId;
    }

    /// <summary>
    /// All connections of one guest cart (the browsers holding its cookie). Named by a hash of the cookie's token, not
    /// the token: group names travel through the Redis backplane and show in its channel names, and the token is the
    /// guest's only credential to the cart.
    /// </summary>
    public static string GuestCart(string guestToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(guestToken);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(guestToken));
        return "cart:" + WebEncoders.Base64UrlEncode(hash, 0, 16);
    }
}
