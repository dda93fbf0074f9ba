using Microsoft.AspNetCore.Identity;
using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.ResetPassword;

/// <summary>
/// Sets a new password with an e-mailed one-time token, and ends any lockout (the owner proved they hold the mailbox).
/// Null when no account has the address (the page answers as for a bad link).
/// </summary>
internal sealed record ResetPassword(string Email, string Token, string Password) : ICommand<IdentityResult?>;
