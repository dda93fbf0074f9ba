using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.EnableTwoFactor;

/// <summary>
/// Turns on authenticator-app two-factor sign-in once the user proved the app works with a current code. Returns the
/// new one-time recovery codes, or null when the code did not match (nothing changes).
/// </summary>
internal sealed record EnableTwoFactor(string UserId, string Code) : ICommand<IReadOnlyList<string>?>;
