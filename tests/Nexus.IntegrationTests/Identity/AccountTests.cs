using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>Registration, confirmation, sign-in, lockout, rate limits and the first admin, through the real pages.</summary>
internal sealed class AccountTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory(new Dictionary<string, string?>
    {
        ["Identity:MaxFailedSignIns"] = "3",
        ["Identity:Admin:Email"] = "boss@example.com",
        ["Identity:Admin:Password"] = "Boss-Password-1",
    });

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task A_shopper_registers_confirms_from_the_email_and_signs_in()
    {
        using var client = NewClient();
        var registered = await client.PostFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = "rita@example.com",
            ["Input.Password"] = "Rita-Password-1",
            ["Input.ConfirmPassword"] = "Rita-Password-1",
        });
        registered.StatusCode.Should().Be(HttpStatusCode.OK);
        (await registered.Content.ReadAsStringAsync()).Should().Contain("Check your inbox");

        // Not confirmed yet: sign-in fails with the same message as a wrong password.
        var early = await SignInAsync(client, "rita@example.com", "Rita-Password-1");
        early.StatusCode.Should().Be(HttpStatusCode.OK);
        (await early.Content.ReadAsStringAsync()).Should().Contain("couldn&#x27;t sign you in");

        var link = await MailPickup.WaitForLinkAsync(host.DataPath, "rita@example.com", "/account/confirm-email");
        var confirmed = await client.GetAsync(new Uri(link).PathAndQuery);
        (await confirmed.Content.ReadAsStringAsync()).Should().Contain("Your e-mail address is confirmed");

        var signedIn = await SignInAsync(client, "rita@example.com", "Rita-Password-1");
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        signedIn.Headers.Location!.ToString().Should().Be("/account");
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nexus.auth=", StringComparison.Ordinal));
        cookie.Should().Contain("httponly").And.Contain("samesite=lax");

        var dashboard = await client.GetStringAsync("/account");
        dashboard.Should().Contain("rita@example.com").And.Contain("/account/profile");

        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var rita = await users.FindByEmailAsync("rita@example.com");
        (await users.GetRolesAsync(rita!)).Should().Equal(NexusRoles.Customer);
    }

    [Test]
    public async Task Registering_a_taken_address_answers_like_a_new_one_and_warns_the_owner()
    {
        await IdentityTestUsers.CreateAsync(host, "owner@example.com", NexusRoles.Customer);
        using var client = NewClient();
        var response = await client.PostFormAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.Email"] = "owner@example.com",
            ["Input.Password"] = "Another-Password-9",
            ["Input.ConfirmPassword"] = "Another-Password-9",
        });
        (await response.Content.ReadAsStringAsync()).Should().Contain("Check your inbox");
        await MailPickup.WaitForLinkAsync(host.DataPath, "owner@example.com", "/account/forgot-password");
    }

    [Test]
    public async Task Forgot_password_answers_the_same_for_unknown_and_known_addresses_and_the_link_resets()
    {
        await IdentityTestUsers.CreateAsync(host, "forgetful@example.com", NexusRoles.Customer);
        using var client = NewClient();
        var unknown = await (await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "nobody@example.com" })).Content.ReadAsStringAsync();
        var known = await (await client.PostFormAsync("/account/forgot-password", new Dictionary<string, string> { ["Email"] = "forgetful@example.com" })).Content.ReadAsStringAsync();
        Scrub(unknown).Should().Be(Scrub(known));

        var link = await MailPickup.WaitForLinkAsync(host.DataPath, "forgetful@example.com", "/account/reset-password");
        var reset = await client.PostFormAsync(new Uri(link).PathAndQuery, new Dictionary<string, string>
        {
            ["Email"] = "forgetful@example.com",
            ["Code"] = System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["code"]!,
            ["Password"] = "Brand-New-Password-2",
        });
        (await reset.Content.ReadAsStringAsync()).Should().Contain("Your password has been changed");
        (await SignInAsync(NewClient(), "forgetful@example.com", "Brand-New-Password-2")).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Test]
    public async Task Repeated_failures_lock_the_account_and_even_the_right_password_is_refused_then()
    {
        var user = await IdentityTestUsers.CreateAsync(host, "victim@example.com", NexusRoles.Customer);
        using var client = NewClient();
        for (var i = 0; i < 3; i++)
        {
            var failed = await SignInAsync(client, "victim@example.com", "Wrong-Password-0");
            (await failed.Content.ReadAsStringAsync()).Should().Contain("couldn&#x27;t sign you in");
        }

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
            (await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!)).Should().BeTrue();
        }

        var locked = await SignInAsync(client, "victim@example.com", IdentityTestUsers.Password);
        locked.StatusCode.Should().Be(HttpStatusCode.OK, "a locked account does not sign in");
        (await locked.Content.ReadAsStringAsync()).Should().Contain("couldn&#x27;t sign you in", "the message is the same as for a wrong password");
    }

    [Test]
    public async Task The_first_admin_comes_from_configuration()
    {
        using var client = NewClient();
        var signedIn = await SignInAsync(client, "boss@example.com", "Boss-Password-1");
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await client.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task Without_configuration_a_first_admin_is_made_with_a_generated_password()
    {
        using var bare = new NexusHostFactory();
        _ = bare.Server;
        await using var scope = bare.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var admins = await users.GetUsersInRoleAsync(NexusRoles.Admin);
        admins.Should().ContainSingle().Which.Email.Should().Be("admin@nexus.local");
        admins[0].PasswordHash.Should().NotBeNullOrEmpty();
    }

    [Test]
    public async Task Data_protection_keys_are_kept_in_the_database()
    {
        using var client = NewClient();
        await client.GetStringAsync("/account/login"); // an antiforgery token needs a key
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
        (await db.DataProtectionKeys.CountAsync()).Should().BeGreaterThan(0);
        Directory.Exists(Path.Combine(host.DataPath, "keys")).Should().BeFalse("the folder ring is replaced by the database");
    }

    [Test]
    public async Task Sign_in_pages_cannot_be_framed()
    {
        using var client = NewClient();
        var response = await client.GetAsync("/account/login");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'");
    }

    private HttpClient NewClient() => host.CreateClient(new() { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) => IdentityPages.SignInAsync(client, email, password);

    // The two pages differ only in their antiforgery tokens and the nonce.
    private static string Scrub(string html) => IdentityPages.Scrub(html);

}
