using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Nexus.Modules.Identity.Accounts;
using Nexus.Shared.Web;

namespace Nexus.Modules.Identity.Security;

/// <summary>
/// Per-IP limits on the forms attackers hammer: sign-in, registration, password reset. Only POSTs count —
/// showing the form is free. Sign-in is also limited per e-mail address by <see cref="SignInThrottle"/>.
/// </summary>
internal static class IdentityRateLimits
{
    public const string SignIn = "identity-sign-in";
    public const string Register = "identity-register";
    public const string PasswordReset = "identity-password-reset";

    public static void AddPolicies(RateLimiterOptions options, AccountSettings settings)
    {
        options.AddPolicy(SignIn, context => PerAddress(context, SignIn, settings.SignInPerMinute));
        options.AddPolicy(Register, context => PerAddress(context, Register, settings.RegisterPerMinute));
        options.AddPolicy(PasswordReset, context => PerAddress(context, PasswordReset, settings.PasswordResetPerMinute));
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, string policy, int perMinute) =>
        !HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetNoLimiter(string.Empty)
            : RateLimitPartition.GetFixedWindowLimiter($"{policy}:{RateLimitingServiceCollectionExtensions.ClientAddress(context)}", _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
}
