using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Identity.Data;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>Staff manage accounts: Admins change, Support only looks, every change lands in the audit log.</summary>
internal sealed class BackOfficeUserTests
{
    private NexusHostFactory host = null!;
    private ShopUser admin = null!;

    [OneTimeSetUp]
    public async Task StartHost()
    {
        host = new NexusHostFactory().WithTestAuthentication();
        admin = await IdentityTestUsers.CreateAsync(host, "root@example.com", NexusRoles.Admin);
    }

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [Test]
    public async Task An_admin_finds_a_user_and_changes_roles_locks_unlocks_and_forces_a_reset_all_audited()
    {
        var user = await IdentityTestUsers.CreateAsync(host, "target@example.com", NexusRoles.Customer);
        using var client = host.CreateClientAs(admin.Id, NexusRoles.Admin);

        var list = await client.GetStringAsync("/admin/users?q=target&role=Customer");
        list.Should().Contain("target@example.com").And.NotContain("root@example.com");
        (await client.GetStringAsync("/admin/users?role=Admin")).Should().Contain("root@example.com").And.NotContain("target@example.com");

        var detail = $"/admin/users/{user.Id}";
        await client.PostFormAsync(detail, new Dictionary<string, string> { ["roles"] = NexusRoles.Support }, handler: "Roles");
        (await client.PostFormAsync(detail, new Dictionary<string, string>(), handler: "Lock")).StatusCode.Should().Be(HttpStatusCode.Redirect);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            (await users.IsLockedOutAsync(stored)).Should().BeTrue();
            (await users.GetRolesAsync(stored)).Should().Equal(NexusRoles.Support);
        }

        await client.PostFormAsync(detail, new Dictionary<string, string>(), handler: "Unlock");
        await client.PostFormAsync(detail, new Dictionary<string, string>(), handler: "ForceReset");
        await MailPickup.WaitForLinkAsync(host.DataPath, "target@example.com", "/account/reset-password");

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
            var stored = (await users.FindByIdAsync(user.Id))!;
            (await users.IsLockedOutAsync(stored)).Should().BeFalse();
            (await users.HasPasswordAsync(stored)).Should().BeFalse("a forced reset clears the old password");
            var audit = await scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>().AuditLog
                .Where(e => e.SubjectId == user.Id).OrderBy(e => e.At).Select(e => e.Action).ToListAsync();
            audit.Should().Equal("roles-changed", "locked", "unlocked", "password-reset-forced");
        }

        (await client.GetStringAsync("/admin/audit")).Should().Contain("password-reset-forced").And.Contain("target@example.com");
    }

    [Test]
    public async Task Support_reads_accounts_but_cannot_change_them()
    {
        var user = await IdentityTestUsers.CreateAsync(host, "watched@example.com", NexusRoles.Customer);
        using var support = host.CreateClientAs("support-1", NexusRoles.Support);
        var page = await support.GetStringAsync($"/admin/users/{user.Id}");
        page.Should().Contain("watched@example.com").And.Contain("can look but not change");

        var attempt = await support.PostFormAsync($"/admin/users/{user.Id}", new Dictionary<string, string>(), handler: "Lock");
        attempt.StatusCode.Should().Be(HttpStatusCode.Redirect);
        attempt.Headers.Location!.ToString().Should().Contain("/status/403");
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        (await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!)).Should().BeFalse();
    }
}
