using System.Security.Claims;

namespace Nexus.Modules.Identity.Features.ForcePasswordReset;

/// <summary>
/// An Admin clears an account's password (it stops working at once) and renews its security stamp, ending its
/// sessions. Audited. The caller then e-mails the user a link to choose a new one (see the handler).
/// </summary>
internal sealed record ForcePasswordReset(string UserId, ClaimsPrincipal Actor) : IStaffChange;
