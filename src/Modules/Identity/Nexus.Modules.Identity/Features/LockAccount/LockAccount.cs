using System.Security.Claims;

namespace Nexus.Modules.Identity.Features.LockAccount;

/// <summary>An Admin locks an account for good; its sessions end at their next security-stamp check. Audited.</summary>
internal sealed record LockAccount(string UserId, ClaimsPrincipal Actor) : IStaffChange;
