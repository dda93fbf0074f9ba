using System.Security.Claims;
using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Features.ChangeRoles;
using Nexus.Modules.Identity.Features.DeleteAccount;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>
/// The last administrator stays (issue 13 item 9). That the first is always a new account is shown on the real
/// process: <c>StartupFailureTests.An_admin_address_that_names_an_existing_account_stops_start_up_instead_of_promoting_it</c>.
/// </summary>
internal sealed class AdministratorTests
{
    private const string BossEmail = "boss@example.com";
    private const string BossPassword = "Boss-Password-1";

    private static NexusHostFactory NewHost() => new(new Dictionary<string, string?>
    {
        ["Identity:Admin:Email"] = BossEmail,
        ["Identity:Admin:Password"] = BossPassword,
    });

    [Test]
    public async Task The_last_administrator_can_neither_delete_the_account_nor_lose_the_role()
    {
        using var host = NewHost();
        _ = host.Server;
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var boss = (await users.FindByEmailAsync(BossEmail))!;
        var otherStaff = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "someone-else")], "test"));

        (await mediator.Send(new DeleteAccount(boss.Id, BossPassword))).Should().Be(DeleteAccountOutcome.LastAdministrator);
        var demoted = await mediator.Send(new ChangeRoles(boss.Id, new HashSet<string> { NexusRoles.Customer }, otherStaff));
        demoted!.Changed.Should().BeFalse();
        demoted.Message.Should().Contain("last administrator");
        (await users.IsInRoleAsync(boss, NexusRoles.Admin)).Should().BeTrue();

        // With a second administrator the first may go.
        var second = new ShopUser { UserName = "second@example.com", Email = "second@example.com", EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        (await users.CreateAsync(second, "Second-Password-1")).Succeeded.Should().BeTrue();
        (await users.AddToRoleAsync(second, NexusRoles.Admin)).Succeeded.Should().BeTrue();
        await using var next = host.Services.CreateAsyncScope();
        (await next.ServiceProvider.GetRequiredService<IMediator>().Send(new DeleteAccount(boss.Id, BossPassword))).Should().Be(DeleteAccountOutcome.Deleted);
    }
}
