using Microsoft.AspNetCore.Identity;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.ChangePassword;

/// <summary>The signed-in user changes their own password, proving the current one. Renews the security stamp.</summary>
internal sealed record ChangePassword(string UserId, string Current, string New) : ICommand<IdentityResult>;
