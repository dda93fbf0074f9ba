using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.ReconfirmPassword;

/// <summary>
/// Asks for the signed-in user's password before a change that is not itself a command here (the e-mail change, whose
/// link goes out first). A command, not a query: a wrong password counts towards the lockout.
/// </summary>
internal sealed record ReconfirmPassword(string UserId, string Password) : ICommand<PasswordReconfirmation>;
