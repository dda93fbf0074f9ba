namespace Nexus.Modules.Identity.Features.DeleteAccount;

internal enum DeleteAccountOutcome
{
    Deleted,
    NoSuchUser,
    WrongPassword,

    /// <summary>Too many wrong passwords (docs/security.md, item 4): nothing is checked until the lockout ends.</summary>
    LockedOut,
    Failed,

    /// <summary>The only Admin cannot delete their account: nobody could run the shop (or give the role) afterwards.</summary>
    LastAdministrator,
}
