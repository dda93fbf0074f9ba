using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.ConfirmEmailChange;

/// <summary>
/// Applies an e-mail change once the new address proved it receives mail (the one-time token); the user name follows
/// the e-mail. The previous address once changed (to be told, with a way to undo it); null, with nothing changed, for
/// an unknown user, a bad token or a taken name.
/// </summary>
internal sealed record ConfirmEmailChange(string UserId, string Email, string Token) : ICommand<string?>;
