namespace Nexus.Modules.Identity.Features;

/// <summary>
/// What a member of staff's change to an account came to: the message the back office shows, and whether anything
/// changed (false for a refusal such as "you cannot lock your own account"). Commands return null for an unknown account.
/// </summary>
internal sealed record StaffChangeResult(string Message, bool Changed)
{
    public static StaffChangeResult Done(string message) => new(message, Changed: true);

    public static StaffChangeResult Refused(string message) => new(message, Changed: false);
}
