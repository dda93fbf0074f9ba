using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Nexus.Modules.Identity.Accounts;

/// <summary>
/// The token in the undo link mailed to the old address after an e-mail change: the user, the old and the new address,
/// protected by the shared data-protection key ring and valid for <see cref="Lifetime"/>. Deliberately not an Identity
/// user token: those die with the security stamp, and whoever took the account would change the password next and so
/// void the owner's undo link.
/// </summary>
internal sealed class EmailChangeUndoTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector protector;

    public EmailChangeUndoTokens(IDataProtectionProvider protection)
    {
        ArgumentNullException.ThrowIfNull(protection);
        protector = protection.CreateProtector("Nexus.Identity.UndoEmailChange.v1").ToTimeLimitedDataProtector();
    }

    public string Create(string userId, string previousEmail, string changedTo) =>
        protector.Protect(string.Join('\n', userId, previousEmail, changedTo), Lifetime);

    /// <summary>The token's contents, or null when it is malformed, forged or expired.</summary>
    public (string UserId, string PreviousEmail, string ChangedTo)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('\n');
            return parts.Length == 3 ? (parts[0], parts[1], parts[2]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
