using MediatR;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Licensing.Contracts;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>Real accounts in the main host and real license keys wherever Licensing runs.</summary>
internal static class LicensingWorld
{
    public const string Password = "Correct-Horse-42";

    public static async Task<string> CreateUserAsync(NexusHostFactory host, string email, params string[] roles)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ShopUser>>();
        var user = new ShopUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        (await users.CreateAsync(user, Password)).Succeeded.Should().BeTrue();
        foreach (var role in roles)
        {
            (await users.AddToRoleAsync(user, role)).Succeeded.Should().BeTrue();
        }

        return user.Id;
    }

    /// <summary>What the order-paid reaction does, through Licensing's own command (the licensing process's database).</summary>
    public static async Task<IssuedLicenseKey> IssueKeyAsync(NexusHostFactory licensing, string customerId, string productName)
    {
        await using var scope = licensing.Services.CreateAsyncScope();
        var keys = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(
            new IssueLicenseKeys(Guid.CreateVersion7(), customerId, [new LicensedOrderLine(Guid.CreateVersion7(), productName, 1)]));
        return keys.Single();
    }

    /// <summary>
    /// Signs the browser in through the sign-in form: a real sign-in cookie, which signing out deletes (the kit's test
    /// header of <see cref="SignInAsync"/> would outlive a sign-out).
    /// </summary>
    public static async Task SignInWithPasswordAsync(IPage page, Uri host, string email)
    {
        await page.GotoAsync(new Uri(host, "/account/login").ToString());
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("nav-sign-out")).ToBeVisibleAsync();
    }

    /// <summary>A bridge token's <c>exp</c>, read from its payload (tests only compare times; the receivers check signatures).</summary>
    public static DateTimeOffset TokenExpiry(string jwt)
    {
        using var payload = System.Text.Json.JsonDocument.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(jwt.Split('.')[1]));
        return DateTimeOffset.FromUnixTimeSeconds(payload.RootElement.GetProperty("exp").GetInt64());
    }

    /// <summary>The browser acts as <paramref name="userId"/> on the main host (the kit's test sign-in header).</summary>
    public static Task SignInAsync(IBrowserContext context, string userId, params string[] roles) =>
        context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [TestAuthenticationHandler.Header] = $"{userId};{string.Join(',', roles)}" });
}
