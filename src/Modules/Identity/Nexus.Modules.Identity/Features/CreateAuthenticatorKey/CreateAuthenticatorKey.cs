using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.CreateAuthenticatorKey;

/// <summary>Gives a user without one an authenticator key to scan (the two-factor page's first view). Returns the key.</summary>
internal sealed record CreateAuthenticatorKey(string UserId) : ICommand<string>;
