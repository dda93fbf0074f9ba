using Microsoft.AspNetCore.Identity;

namespace Nexus.Modules.Identity.Features;

/// <summary>
/// For UserManager steps that only fail on a bug or a race (the request was already checked): throwing makes the
/// unit of work skip the commit, so no step of the action is saved — where ignoring the result, as the page models
/// used to, could save half of it.
/// </summary>
internal static class IdentityCommandResults
{
    public static void ThrowIfFailed(IdentityResult result, string step)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Identity could not {step}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }
}
