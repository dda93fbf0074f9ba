using System.Net.Http.Json;
using System.Net;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>
/// Sessions end when they should and only then: locking an account in the back office, signing out and "sign out
/// everywhere" end the sessions it already has (a copied cookie included); opening the two-factor page does not
/// (docs/security.md, items 3 and 12). The hosts check the security stamp on every request (SessionRecheckSeconds 0)
/// instead of once a minute, so nothing waits.
/// </summary>
internal sealed class SessionRevocationTests
{
    [Test]
    public async Task A_locked_shoppers_open_session_ends_at_the_next_check()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?> { ["Identity:SessionRecheckSeconds"] = "0" }).WithTestAuthentication();
        var shopper = await IdentityTestUsers.CreateAsync(host, "soon-locked@example.com", NexusRoles.Customer);
        var admin = await IdentityTestUsers.CreateAsync(host, "locker@example.com", NexusRoles.Admin);

        using var session = host.CreateClient(new() { AllowAutoRedirect = false });
        (await session.PostFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = "soon-locked@example.com",
            ["Input.Password"] = IdentityTestUsers.Password,
        })).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await session.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);

        using var staff = host.CreateClientAs(admin.Id, NexusRoles.Admin);
        (await staff.PostFormAsync($"/admin/users/{shopper.Id}", new Dictionary<string, string>(), handler: "Lock")).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var after = await session.GetAsync("/account");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect);
        after.Headers.Location!.ToString().Should().Contain("/account/login");
        (await session.GetFromJsonAsync<SessionAnswer>("/api/identity/session"))!.SignedIn.Should().BeFalse();
    }

    [Test]
    public async Task A_copied_cookie_is_refused_once_its_owner_has_signed_out()
    {
        using var host = RecheckingOnEveryRequest();
        await IdentityTestUsers.CreateAsync(host, "copied@example.com", NexusRoles.Customer);
        using var session = host.CreateClient(new() { AllowAutoRedirect = false });
        var copy = await SignInAsync(session, "copied@example.com");
        (await GetWithCookieAsync(host, copy, "/account")).StatusCode.Should().Be(HttpStatusCode.OK, "the copy works while the owner is signed in");

        (await session.PostFormAsync("/account/logout", new Dictionary<string, string>())).Headers.Location!.ToString().Should().Be("/account/signed-out");

        var after = await GetWithCookieAsync(host, copy, "/account");
        after.StatusCode.Should().Be(HttpStatusCode.Redirect, "signing out ends the session, not just this browser's cookie");
        after.Headers.Location!.ToString().Should().Contain("/account/login");
        using var answer = await GetWithCookieAsync(host, copy, "/api/identity/session");
        (await answer.Content.ReadFromJsonAsync<SessionAnswer>())!.SignedIn.Should().BeFalse();
    }

    [Test]
    public async Task Sign_out_everywhere_ends_this_session_and_every_other()
    {
        using var host = RecheckingOnEveryRequest();
        await IdentityTestUsers.CreateAsync(host, "everywhere@example.com", NexusRoles.Customer);
        using var here = host.CreateClient(new() { AllowAutoRedirect = false });
        using var elsewhere = host.CreateClient(new() { AllowAutoRedirect = false });
        await SignInAsync(here, "everywhere@example.com");
        await SignInAsync(elsewhere, "everywhere@example.com");
        (await elsewhere.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await here.GetStringAsync("/account/security")).Should().Contain("sign-out-everywhere-form");
        var signedOut = await here.PostFormAsync("/account/security", new Dictionary<string, string>(), handler: "SignOutEverywhere");
        signedOut.Headers.Location!.ToString().Should().Be("/account/signed-out");

        (await here.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.Redirect, "this browser is signed out at once");
        var other = await elsewhere.GetAsync("/account");
        other.StatusCode.Should().Be(HttpStatusCode.Redirect, "the other browser's session ended too");
        other.Headers.Location!.ToString().Should().Contain("/account/login");
    }

    [Test]
    public async Task Opening_the_two_factor_page_for_the_first_time_keeps_the_session()
    {
        using var host = RecheckingOnEveryRequest();
        await IdentityTestUsers.CreateAsync(host, "scanning@example.com", NexusRoles.Customer);
        using var session = host.CreateClient(new() { AllowAutoRedirect = false });
        using var other = host.CreateClient(new() { AllowAutoRedirect = false });
        var copy = await SignInAsync(session, "scanning@example.com");
        await SignInAsync(other, "scanning@example.com");

        (await session.GetStringAsync("/account/two-factor")).Should().Contain("data-testid=\"authenticator-key\"", "the first view creates the key");
        var reload = await session.GetStringAsync("/account/two-factor");
        reload.Should().Contain("data-testid=\"authenticator-key\"");

        // Past the (zero) validation interval: the same cookie, a copy of it and the user's other browser still work.
        (await session.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await GetWithCookieAsync(host, copy, "/account")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await other.GetAsync("/account")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private static NexusHostFactory RecheckingOnEveryRequest() =>
        new(new Dictionary<string, string?> { ["Identity:SessionRecheckSeconds"] = "0" });

    /// <summary>Signs in through the real page; returns the sign-in cookie as a <c>Cookie</c> header value (a copy).</summary>
    private static async Task<string> SignInAsync(HttpClient client, string email)
    {
        var signedIn = await IdentityPages.SignInAsync(client, email);
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nexus.auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A request from another browser that holds only the copied cookie.</summary>
    private static async Task<HttpResponseMessage> GetWithCookieAsync(NexusHostFactory host, string cookie, string path)
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private sealed record SessionAnswer(bool SignedIn);
}
