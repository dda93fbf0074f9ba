using Microsoft.AspNetCore.Identity;
using Nexus.Modules.Identity.Data;

namespace Nexus.Modules.Identity.Features;

/// <summary>What asking a signed-in user for their password again found (docs/security.md, item 4).</summary>
internal enum PasswordReconfirmation
{
    Confirmed,
    WrongPassword,

    /// <summary>Too many wrong answers (here or at sign-in): nothing is checked until the lockout ends.</summary>
    LockedOut,
}

/// <summary>
/// The one password check behind every sensitive change (e-mail address, password, two-factor off, account deletion).
/// Whoever holds only a session — a copied cookie, an unlocked computer — could otherwise guess the password there
/// without limit, so a wrong answer counts towards the same lockout as a failed sign-in and a right one resets it.
/// Called inside a command with the stores' saves deferred: the count is committed by the unit of work, also when the
/// command ends in a refusal (the handler must not discard it).
/// </summary>
internal static class PasswordReconfirmations
{
    public const string LockedOutMessage = "Too many wrong passwords: your account is locked for a few minutes. Nothing was changed; try again later.";

    public static async Task<PasswordReconfirmation> CheckAsync(UserManager<ShopUser> users, ShopUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(user);
        if (await users.IsLockedOutAsync(user))
        {
            return PasswordReconfirmation.LockedOut;
        }

        if (!string.IsNullOrEmpty(password) && await users.CheckPasswordAsync(user, password))
        {
            if (await users.GetAccessFailedCountAsync(user) > 0)
            {
                IdentityCommandResults.ThrowIfFailed(await users.ResetAccessFailedCountAsync(user), "reset the failed-password count");
            }

            return PasswordReconfirmation.Confirmed;
        }

        IdentityCommandResults.ThrowIfFailed(await users.AccessFailedAsync(user), "count a wrong password");
        return await users.IsLockedOutAsync(user) ? PasswordReconfirmation.LockedOut : PasswordReconfirmation.WrongPassword;
    }
}
