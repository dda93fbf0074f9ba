using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.EndSessions;

/// <summary>
/// Ends every session of a user, wherever its cookie is (sign-out, and "sign out everywhere" on the security page):
/// renews the security stamp, so any copy of a sign-in cookie is refused at its next stamp check
/// (Identity:SessionRecheckSeconds, at most a minute). Returns false when there is no such user (already deleted:
/// signing out still succeeds).
/// </summary>
internal sealed record EndSessions(string UserId) : ICommand<bool>;
