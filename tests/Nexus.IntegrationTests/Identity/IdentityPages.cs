using System.Text.RegularExpressions;

namespace Nexus.IntegrationTests.Identity;

/// <summary>The account pages as a browser uses them: sign in through the real form, read what the pages show.</summary>
internal static partial class IdentityPages
{
    /// <summary>Posts the sign-in form (a redirect means signed in); the password defaults to <see cref="IdentityTestUsers.Password"/>.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = IdentityTestUsers.Password) =>
        client.PostFormAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    /// <summary>A page without what differs between two renderings of it: its antiforgery tokens and the CSP nonce.</summary>
    public static string Scrub(string html) => Regex.Replace(html, @"value=""[^""]{40,}""|nonce=""[^""]+""", "X");

    /// <summary>The authenticator key the two-factor page shows (group 1).</summary>
    [GeneratedRegex(@"data-testid=""authenticator-key"">([a-z0-9 ]+)<")]
    public static partial Regex AuthenticatorKey();
}
