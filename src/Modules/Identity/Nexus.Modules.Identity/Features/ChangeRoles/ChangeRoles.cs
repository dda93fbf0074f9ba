using System.Security.Claims;

namespace Nexus.Modules.Identity.Features.ChangeRoles;

/// <summary>An Admin sets an account's roles to exactly <paramref name="Roles"/> (known role names only). Audited.</summary>
internal sealed record ChangeRoles(string UserId, IReadOnlySet<string> Roles, ClaimsPrincipal Actor) : IStaffChange;
