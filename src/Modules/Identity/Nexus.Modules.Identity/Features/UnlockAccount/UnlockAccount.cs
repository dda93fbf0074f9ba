using System.Security.Claims;

namespace Nexus.Modules.Identity.Features.UnlockAccount;

/// <summary>An Admin ends an account's lockout and clears its failed sign-in count. Audited.</summary>
internal sealed record UnlockAccount(string UserId, ClaimsPrincipal Actor) : IStaffChange;
