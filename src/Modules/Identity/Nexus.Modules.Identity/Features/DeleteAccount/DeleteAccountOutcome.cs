namespace Nexus.Modules.Identity.Features.DeleteAccount;

internal enum DeleteAccountOutcome
{
    Deleted,
    NoSuchUser,
    WrongPassword,
    Failed,

    /// <summary>The only Admin cannot delete their account: nobody could run the shop (or give the role) afterwards.</summary>
    LastAdministrator,
}
