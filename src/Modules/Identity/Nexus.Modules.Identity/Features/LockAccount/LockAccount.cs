using System.Security.Claims;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.LockAccount;

/// <summary>An Admin locks an account for good; its sessions end at their next security-stamp check. Audited.</summary>
internal sealed record LockAccount(string UserId, ClaimsPrincipal Actor) : ICommand<StaffChangeResult?>;
