using System.Net;
using System.Text.RegularExpressions;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>Authenticator-app two-factor sign-in: turned on with a real TOTP code, then required at sign-in.</summary>
internal sealed partial class TwoFactorTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task With_two_factor_on_the_password_alone_does_not_sign_in_but_password_and_code_do()
    {
        await IdentityTestUsers.CreateAsync(host, "careful@example.com", NexusRoles.Customer);
        using var setup = NewClient();
        (await SignInAsync(setup)).Headers.Location!.ToString().Should().Be("/account");

        var page = await setup.GetStringAsync("/account/two-factor");
        var key = IdentityPages.AuthenticatorKey().Match(page).Groups[1].Value;
        key.Should().NotBeEmpty();
        var enabled = await setup.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, handler: "Enable");
        enabled.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await setup.GetStringAsync("/account/two-factor");
        after.Should().Contain("Two-factor sign-in is on").And.Contain("recovery-codes");

        using var client = NewClient();
        var password = await SignInAsync(client);
        password.Headers.Location!.ToString().Should().StartWith("/account/login-2fa");
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the password step alone is not a sign-in");

        var wrong = await client.PostFormAsync(password.Headers.Location!.ToString(), new Dictionary<string, string> { ["Code"] = "000000" });
        (await wrong.Content.ReadAsStringAsync()).Should().Contain("That code didn&#x27;t work");

        var right = await client.PostFormAsync(password.Headers.Location!.ToString(), new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });
        right.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private HttpClient NewClient() => host.CreateClient(new() { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client) => IdentityPages.SignInAsync(client, "careful@example.com");
}
