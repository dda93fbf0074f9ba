using System.ComponentModel.DataAnnotations;

namespace Nexus.Modules.Identity.Accounts;

/// <summary>The <c>Identity</c> section's account rules.</summary>
internal sealed class AccountSettings
{
    public const string Section = "Identity";

    /// <summary>Shoppers confirm their e-mail address before they can sign in.</summary>
    public bool RequireConfirmedEmail { get; set; } = true;

    /// <summary>Failed sign-ins before the account locks.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(1, 1440)]
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>POSTs per IP and minute to sign-in, registration and password-reset forms.</summary>
    [Range(1, 10_000)]
    public int SignInPerMinute { get; set; } = 10;

    [Range(1, 10_000)]
    public int RegisterPerMinute { get; set; } = 5;

    [Range(1, 10_000)]
    public int PasswordResetPerMinute { get; set; } = 5;

    /// <summary>
    /// How often a session's cookie is checked against the account (security stamp): locking, a forced password
    /// reset, a role change, signing out or "sign out everywhere" ends the user's other sessions (and any copy of a
    /// cookie) within this time. At most a minute: sign-out promises that a copied cookie dies within one
    /// (docs/security.md, item 3).
    /// </summary>
    [Range(0, 60)]
    public int SessionRecheckSeconds { get; set; } = 60;

    /// <summary>Sign-in attempts per e-mail address and minute, whatever the IP.</summary>
    [Range(1, 10_000)]
    public int SignInPerEmailPerMinute { get; set; } = 10;
}
