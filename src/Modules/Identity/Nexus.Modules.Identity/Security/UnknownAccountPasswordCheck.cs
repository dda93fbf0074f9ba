using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Security;

/// <summary>
/// A password hash of nobody's password, made once with the shop's own <see cref="IPasswordHasher{TUser}"/> (so the
/// same algorithm and iteration count as every real hash). Sign-in verifies against it when it does not verify a real
/// hash — no account with that name, or an account refused before its password is checked (locked, unconfirmed) — so
/// every sign-in costs one hash and the answer's timing no longer says whether an address has an account (issue 13,
/// item 2).
/// </summary>
internal sealed class UnknownAccountPasswordCheck
{
    private static readonly ShopUser Nobody = new() { Id = "nobody", UserName = "nobody", CreatedAt = DateTime.UnixEpoch };

    private readonly Lock gate = new();
    private string? hash;

    /// <summary>Verifies <paramref name="password"/> against the fixed hash (never a match) and throws the result away.</summary>
    public void SpendOneHash(IPasswordHasher<ShopUser> hasher, string? password)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        _ = hasher.VerifyHashedPassword(Nobody, Hash(hasher), password ?? string.Empty);
    }

    private string Hash(IPasswordHasher<ShopUser> hasher)
    {
        lock (gate)
        {
            // A random password nobody knows: the hash exists only to be verified against.
            return hash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
    }
}
