using Nexus.Shared.Abstractions.Application;

namespace Nexus.Modules.Identity.Features.DisableTwoFactor;

/// <summary>
/// Turns two-factor sign-in off and replaces the authenticator key, so the old app entry stops working — only with the
/// user's current password (a stolen session alone must not remove the second factor). Anything but
/// <see cref="PasswordReconfirmation.Confirmed"/> changes nothing but the failed-password count.
/// </summary>
internal sealed record DisableTwoFactor(string UserId, string Password) : ICommand<PasswordReconfirmation>;
