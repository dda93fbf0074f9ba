using Microsoft.Extensions.DependencyInjection;

namespace Nexus.EndToEndTests;

/// <summary>
/// Staff and security journeys in Chromium: an admin finds a shopper, locks and unlocks them, forces a password
/// reset, reads the audit log and the sent mail; a shopper turns on two-factor sign-in and signs in with a code;
/// a shopper who forgot their password resets it from the e-mail.
/// </summary>
internal sealed class BackOfficeJourneyTests : BrowserTest
{
    private const string AdminEmail = "chief@example.com";
    private const string AdminPassword = "Chief-Password-3";
    private const string ShopperPassword = "Shopper-Password-4";
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static void StartHost()
    {
        host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Identity:Admin:Email"] = AdminEmail,
            ["Identity:Admin:Password"] = AdminPassword,
        });
        baseAddress = host.StartKestrel();
    }

    [OneTimeTearDown]
    public static void StopHost() => host.Dispose();

    [Test]
    public async Task An_admin_locks_a_shopper_forces_a_reset_and_reads_the_audit_log_and_the_mail()
    {
        await CreateShopperAsync("locked-out@example.com");
        await SignInAsync(AdminEmail, AdminPassword);
        await Page.GetByTestId("nav-backoffice").ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Users" }).ClickAsync();
        await Page.GetByPlaceholder("e-mail").FillAsync("locked-out");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "locked-out@example.com" }).ClickAsync();

        await Page.GetByTestId("lock").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("admin-message")).ToContainTextAsync("Account locked");
        await Assertions.Expect(Page.GetByTestId("locked-until")).Not.ToHaveTextAsync("not locked");
        await Page.GetByTestId("unlock").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("locked-until")).ToHaveTextAsync("not locked");
        await Page.GetByTestId("force-reset").ClickAsync();
        await Assertions.Expect(Page.GetByTestId("admin-message")).ToContainTextAsync("Password cleared");

        await Page.GotoAsync(new Uri(baseAddress, "/admin/audit").ToString());
        var log = Page.GetByTestId("audit-log");
        await Assertions.Expect(log).ToContainTextAsync("locked");
        await Assertions.Expect(log).ToContainTextAsync("unlocked");
        await Assertions.Expect(log).ToContainTextAsync("password-reset-forced");
        await Assertions.Expect(log).ToContainTextAsync(AdminEmail);

        await MailPickup.WaitForLinkAsync(host.DataPath, "locked-out@example.com", "/account/reset-password");
        await Page.GotoAsync(new Uri(baseAddress, "/admin/mail").ToString());
        await Page.GetByRole(AriaRole.Link, new() { Name = "Please choose a new Nexus password" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("mail-body")).ToContainTextAsync("/account/reset-password");
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_shopper_turns_on_two_factor_and_then_signs_in_with_a_code()
    {
        const string email = "two-step@example.com";
        await CreateShopperAsync(email);
        await SignInAsync(email, ShopperPassword);
        await Page.GotoAsync(new Uri(baseAddress, "/account/security").ToString());
        await Page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var key = await Page.GetByTestId("authenticator-key").TextContentAsync();
        await Page.GetByLabel("Code from the app").FillAsync(Totp.Code(key!, DateTimeOffset.UtcNow));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("two-factor-on")).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByTestId("recovery-codes")).ToBeVisibleAsync();

        await Page.GetByTestId("nav-sign-out").ClickAsync();
        await Page.GotoAsync(new Uri(baseAddress, "/account/login").ToString());
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(ShopperPassword);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Two-factor sign-in" })).ToBeVisibleAsync();
        await Page.GetByLabel("Code").FillAsync(Totp.Code(key!, DateTimeOffset.UtcNow));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("account-email")).ToHaveTextAsync(email);
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_shopper_who_forgot_the_password_resets_it_from_the_email()
    {
        const string email = "forgot@example.com";
        await CreateShopperAsync(email);
        await Page.GotoAsync(new Uri(baseAddress, "/account/login").ToString());
        await Page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("forgot-done")).ToBeVisibleAsync();

        var link = await MailPickup.WaitForLinkAsync(host.DataPath, email, "/account/reset-password");
        await Page.GotoAsync(link);
        await Page.GetByLabel("New password").FillAsync("Remembered-Now-5");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("reset-done")).ToBeVisibleAsync();
        await SignInAsync(email, "Remembered-Now-5");
        AssertNoConsoleErrors();
    }

    private async Task SignInAsync(string email, string password)
    {
        await Page.GotoAsync(new Uri(baseAddress, "/account/login").ToString());
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("account-email")).ToHaveTextAsync(email);
    }

    private static async Task CreateShopperAsync(string email)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Nexus.Modules.Identity.Data.ShopUser>>();
        var user = new Nexus.Modules.Identity.Data.ShopUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        (await users.CreateAsync(user, ShopperPassword)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, "Customer")).Succeeded.Should().BeTrue();
    }
}
