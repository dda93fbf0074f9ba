using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>
/// Issue 13, item 4: changing the e-mail address and turning two-factor off ask for the password again (a session
/// alone is not enough), and the old address is told of an e-mail change with a link that undoes it. A wrong password
/// on those forms counts towards the sign-in lockout.
/// </summary>
internal sealed partial class ReauthenticationTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task An_email_change_with_a_wrong_password_is_refused_and_nothing_is_sent_or_changed()
    {
        var user = await IdentityTestUsers.CreateAsync(host, "keeps@example.com", NexusRoles.Customer);
        using var client = await SignedInAsync("keeps@example.com");

        var refused = await client.PostFormAsync("/account/security", new Dictionary<string, string>
        {
            ["NewEmail"] = "thief@example.com",
            ["EmailChangePassword"] = "Not-The-Password-1",
        }, handler: "ChangeEmail");
        refused.StatusCode.Should().Be(HttpStatusCode.OK, "the form is shown again with its error");
        (await refused.Content.ReadAsStringAsync()).Should().Contain("That is not your current password");

        var missing = await client.PostFormAsync("/account/security", new Dictionary<string, string> { ["NewEmail"] = "thief@example.com" }, handler: "ChangeEmail");
        (await missing.Content.ReadAsStringAsync()).Should().Contain("That is not your current password");

        await Task.Delay(TimeSpan.FromSeconds(2)); // the outbox would have delivered a message by now
        MailPickup.Messages(host.DataPath).Should().NotContain(m => m.Contains("To: thief@example.com", StringComparison.OrdinalIgnoreCase));
        (await EmailOfAsync(user.Id)).Should().Be("keeps@example.com");
    }

    [Test]
    public async Task The_old_address_is_told_of_an_email_change_and_its_link_puts_the_address_back()
    {
        var user = await IdentityTestUsers.CreateAsync(host, "owner-before@example.com", NexusRoles.Customer);
        using var client = await SignedInAsync("owner-before@example.com");

        var requested = await client.PostFormAsync("/account/security", new Dictionary<string, string>
        {
            ["NewEmail"] = "taker@example.com",
            ["EmailChangePassword"] = IdentityTestUsers.Password,
        }, handler: "ChangeEmail");
        requested.StatusCode.Should().Be(HttpStatusCode.Redirect);

        var confirm = await MailPickup.WaitForLinkAsync(host.DataPath, "taker@example.com", "/account/confirm-email-change");
        (await client.GetStringAsync(new Uri(confirm).PathAndQuery)).Should().Contain("Your e-mail address has changed");
        (await EmailOfAsync(user.Id)).Should().Be("taker@example.com");

        // The old address is told, with the undo link; opening it changes nothing yet (mail scanners open links).
        var undo = await MailPickup.WaitForLinkAsync(host.DataPath, "owner-before@example.com", "/account/undo-email-change");
        MailPickup.Messages(host.DataPath).Should().Contain(m => m.Contains("To: owner-before@example.com", StringComparison.OrdinalIgnoreCase) && m.Contains("taker@example.com", StringComparison.Ordinal));
        using var owner = host.CreateClient(new() { AllowAutoRedirect = false });
        (await owner.GetStringAsync(new Uri(undo).PathAndQuery)).Should().Contain("undo-email-change-form");
        (await EmailOfAsync(user.Id)).Should().Be("taker@example.com");

        var stampBefore = await StampOfAsync(user.Id);
        var undone = await owner.PostFormAsync(new Uri(undo).PathAndQuery, new Dictionary<string, string> { ["Code"] = CodeOf(undo) });
        (await undone.Content.ReadAsStringAsync()).Should().Contain("email-change-undone");
        (await EmailOfAsync(user.Id)).Should().Be("owner-before@example.com");
        (await StampOfAsync(user.Id)).Should().NotBe(stampBefore, "every session, the taker's included, ends at its next check");

        (await IdentityPages.SignInAsync(NewClient(), "owner-before@example.com")).StatusCode.Should().Be(HttpStatusCode.Redirect, "the owner signs in with the old address");
        (await IdentityPages.SignInAsync(NewClient(), "taker@example.com")).StatusCode.Should().Be(HttpStatusCode.OK, "the taken address no longer signs in");

        // The link undoes that one change only: used again, it changes nothing.
        var again = await owner.PostFormAsync(new Uri(undo).PathAndQuery, new Dictionary<string, string> { ["Code"] = CodeOf(undo) });
        (await again.Content.ReadAsStringAsync()).Should().Contain("could not be undone");
        (await owner.GetStringAsync("/account/undo-email-change?code=forged")).Should().Contain("That link didn't work");
    }

    [Test]
    public async Task Turning_two_factor_off_needs_the_password()
    {
        var user = await IdentityTestUsers.CreateAsync(host, "second-factor@example.com", NexusRoles.Customer);
        using var client = await SignedInAsync("second-factor@example.com");
        var page = await client.GetStringAsync("/account/two-factor");
        var key = IdentityPages.AuthenticatorKey().Match(page).Groups[1].Value;
        key.Should().NotBeEmpty();
        (await client.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, handler: "Enable"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await TwoFactorOnAsync(user.Id)).Should().BeTrue();

        var refused = await client.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["CurrentPassword"] = "Not-The-Password-1" }, handler: "Disable");
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("That is not your current password");
        (await TwoFactorOnAsync(user.Id)).Should().BeTrue("a wrong password changes nothing");

        var turnedOff = await client.PostFormAsync("/account/two-factor", new Dictionary<string, string> { ["CurrentPassword"] = IdentityTestUsers.Password }, handler: "Disable");
        turnedOff.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await TwoFactorOnAsync(user.Id)).Should().BeFalse();
    }

    [Test]
    public async Task Guessing_the_password_on_the_account_pages_locks_the_account_like_failed_sign_ins()
    {
        // Whoever holds only a session must not be able to guess the password through the forms that ask for it again:
        // each wrong answer counts towards the sign-in lockout (Identity:MaxFailedSignIns, 5 here), whichever form it is.
        var user = await IdentityTestUsers.CreateAsync(host, "guessed@example.com", NexusRoles.Customer);
        using var client = await SignedInAsync("guessed@example.com");
        var wrong = "Not-The-Password-1";
        for (var i = 0; i < 2; i++)
        {
            (await (await client.PostFormAsync("/account/security", new Dictionary<string, string> { ["NewEmail"] = "thief@example.com", ["EmailChangePassword"] = wrong }, handler: "ChangeEmail"))
                .Content.ReadAsStringAsync()).Should().Contain("That is not your current password");
        }

        (await (await client.PostFormAsync("/account/security", new Dictionary<string, string> { ["Password.Current"] = wrong, ["Password.New"] = "Thiefs-Own-Password-1" }, handler: "ChangePassword"))
            .Content.ReadAsStringAsync()).Should().Contain("That is not your current password");
        (await (await client.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = wrong }))
            .Content.ReadAsStringAsync()).Should().Contain("That is not your password");
        var fifth = await client.PostFormAsync("/account/delete", new Dictionary<string, string> { ["Password"] = wrong });
        (await fifth.Content.ReadAsStringAsync()).Should().Contain("Too many wrong passwords");

        // Locked: even the right password changes nothing now, here or at sign-in.
        var locked = await client.PostFormAsync("/account/security", new Dictionary<string, string> { ["NewEmail"] = "thief@example.com", ["EmailChangePassword"] = IdentityTestUsers.Password }, handler: "ChangeEmail");
        (await locked.Content.ReadAsStringAsync()).Should().Contain("Too many wrong passwords");
        (await ReloadAsync(user.Id)).LockoutEnd.Should().BeAfter(DateTimeOffset.UtcNow);
        (await IdentityPages.SignInAsync(NewClient(), "guessed@example.com")).StatusCode.Should().Be(HttpStatusCode.OK, "the sign-in form is shown again: the account is locked");
        (await EmailOfAsync(user.Id)).Should().Be("guessed@example.com");
    }

    [Test]
    public async Task The_right_password_on_an_account_page_clears_earlier_wrong_ones()
    {
        var user = await IdentityTestUsers.CreateAsync(host, "forgetful@example.com", NexusRoles.Customer);
        using var client = await SignedInAsync("forgetful@example.com");
        for (var i = 0; i < 4; i++)
        {
            await client.PostFormAsync("/account/security", new Dictionary<string, string> { ["NewEmail"] = "new-forgetful@example.com", ["EmailChangePassword"] = "Not-The-Password-1" }, handler: "ChangeEmail");
        }

        (await ReloadAsync(user.Id)).AccessFailedCount.Should().Be(4);
        (await client.PostFormAsync("/account/security", new Dictionary<string, string> { ["NewEmail"] = "new-forgetful@example.com", ["EmailChangePassword"] = IdentityTestUsers.Password }, handler: "ChangeEmail"))
            .StatusCode.Should().Be(HttpStatusCode.Redirect);
        var after = await ReloadAsync(user.Id);
        after.AccessFailedCount.Should().Be(0);
        after.LockoutEnd.Should().BeNull();
    }

    private HttpClient NewClient() => host.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<HttpClient> SignedInAsync(string email)
    {
        var client = NewClient();
        (await IdentityPages.SignInAsync(client, email)).Headers.Location!.ToString().Should().Be("/account");
        return client;
    }

    private static string CodeOf(string link) => System.Web.HttpUtility.ParseQueryString(new Uri(link).Query)["code"]!;

    private async Task<ShopUser> ReloadAsync(string id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>().FindByIdAsync(id))!;
    }

    private async Task<string?> EmailOfAsync(string id) => (await ReloadAsync(id)).Email;

    private async Task<string?> StampOfAsync(string id) => (await ReloadAsync(id)).SecurityStamp;

    private async Task<bool> TwoFactorOnAsync(string id) => (await ReloadAsync(id)).TwoFactorEnabled;
}
