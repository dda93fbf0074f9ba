using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Identity.Data;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>Real accounts in a test host's Identity store.</summary>
internal static class IdentityTestUsers
{
    public const string Password = "Correct-Horse-42";

    public static async Task<ShopUser> CreateAsync(NexusHostFactory host, string email, params string[] roles)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var user = new ShopUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(user, Password);
        created.Succeeded.Should().BeTrue(string.Join("; ", created.Errors.Select(e => e.Description)));
        foreach (var role in roles)
        {
            (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        }

        return user;
    }
}
