using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;

namespace Nexus.EndToEndTests;

/// <summary>
/// The jobs dashboard in Chromium, signed in for real: an admin opens it from the back office, triggers the database
/// maintenance job and sees it succeed; Support sees the same pages without buttons; a shopper and a visitor never
/// get in. Every page is checked for console errors, which is where the browser reports CSP violations.
/// </summary>
internal sealed class JobsDashboardJourneyTests : BrowserTest
{
    private const string AdminEmail = "jobs-chief@example.com";
    private const string Password = "Jobs-Password-7";
    private static NexusHostFactory host = null!;
    private static Uri baseAddress = null!;

    [OneTimeSetUp]
    public static async Task StartHost()
    {
        host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Identity:Admin:Email"] = AdminEmail,
            ["Identity:Admin:Password"] = Password,
            // A job server in this instance, polling quickly so a triggered job runs within a second.
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:PollInterval"] = "00:00:00.5",
        });
        baseAddress = host.StartKestrel();
        await CreateUserAsync("jobs-support@example.com", NexusRoles.Support);
        await CreateUserAsync("jobs-shopper@example.com", NexusRoles.Customer);
    }

    [OneTimeTearDown]
    public static void StopHost() => host.Dispose();

    [Test]
    public async Task An_admin_triggers_the_maintenance_job_from_the_back_office_and_sees_it_succeed()
    {
        await SignInAsync(AdminEmail);
        await Page.GetByTestId("nav-backoffice").ClickAsync();
        await Page.GetByTestId("backoffice-sections").GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();
        await Assertions.Expect(Page).ToHaveURLAsync(new Uri(baseAddress, "/admin/jobs").ToString());
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();

        await Page.GetByRole(AriaRole.Link, new() { Name = "Recurring Jobs" }).ClickAsync();
        var row = Page.Locator("tr", new() { HasText = "database-maintenance" });
        await Assertions.Expect(row).ToContainTextAsync("30 3 * * *");
        await row.Locator("input.js-jobs-list-checkbox").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Trigger now" }).ClickAsync();
        // The page reloads once the command is accepted; the row then names the run it started.
        await Assertions.Expect(row.Locator("a[href*='/admin/jobs/jobs/details/']")).ToBeVisibleAsync();

        // The navigation's links carry counters ("Jobs 1", "Succeeded 1").
        await Page.Locator("a[href='/admin/jobs/jobs/enqueued']").First.ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Succeeded" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Succeeded Jobs" })).ToBeVisibleAsync();
        await Eventually.TrueAsync(
            async () =>
            {
                await Page.ReloadAsync();
                return await Page.Locator("table", new() { HasText = "DatabaseMaintenanceJob" }).CountAsync() > 0;
            },
            TimeSpan.FromSeconds(30),
            "the triggered maintenance run should be listed as succeeded");
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task Support_reads_the_jobs_dashboard_without_buttons()
    {
        await SignInAsync("jobs-support@example.com");
        await Page.GotoAsync(new Uri(baseAddress, "/admin").ToString());
        await Page.GetByTestId("backoffice-sections").GetByRole(AriaRole.Link, new() { Name = "Jobs" }).ClickAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "Recurring Jobs" }).ClickAsync();

        await Assertions.Expect(Page.Locator("tr", new() { HasText = "database-maintenance" })).ToBeVisibleAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Trigger now" })).ToHaveCountAsync(0);
        await Assertions.Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Link, new() { Name = "Servers" }).ClickAsync();
        await Assertions.Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Servers" })).ToBeVisibleAsync();
        AssertNoConsoleErrors();
    }

    [Test]
    public async Task A_shopper_is_refused_and_a_visitor_is_asked_to_sign_in()
    {
        await Page.GotoAsync(new Uri(baseAddress, "/admin/jobs/recurring").ToString());
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login"));
        await Assertions.Expect(Page.Locator("body")).Not.ToContainTextAsync("database-maintenance");

        await SignInAsync("jobs-shopper@example.com");
        await Page.GotoAsync(new Uri(baseAddress, "/admin/jobs/recurring").ToString());
        await Assertions.Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/status/403"));
        await Assertions.Expect(Page.Locator("body")).Not.ToContainTextAsync("database-maintenance");
        await Assertions.Expect(Page.GetByTestId("nav-backoffice")).ToHaveCountAsync(0);
    }

    private async Task SignInAsync(string email)
    {
        await Page.GotoAsync(new Uri(baseAddress, "/account/login").ToString());
        await Page.GetByLabel("E-mail").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(Page.GetByTestId("account-email")).ToHaveTextAsync(email);
    }

    private static async Task CreateUserAsync(string email, string role)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var user = new ShopUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        (await users.CreateAsync(user, Password)).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
    }
}
