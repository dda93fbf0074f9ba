namespace Nexus.Modules.Identity.Features.DeleteAccount;

internal enum DeleteAccountOutcome
{
    Deleted,
    NoSuchUser,
    WrongPassword,
    Failed,
}
