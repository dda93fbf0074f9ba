using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Persistence;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>
/// Two instances on one PostgreSQL database share the data-protection key ring, so a shopper signed in through
/// one instance is signed in on the other (a load balancer may send each request anywhere).
/// </summary>
internal sealed class SharedSessionTests
{
    [Test]
    public async Task A_sign_in_cookie_from_one_instance_is_accepted_by_another_on_the_same_database()
    {
        using var first = await NexusHostFactory.OnPostgresAsync();
        _ = first.Server;
        var database = first.Service<DatabaseSettings>();
        using var second = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Nexus"] = database.ConnectionString,
        });
        _ = second.Server;
        first.DataPath.Should().NotBe(second.DataPath, "the instances share nothing but the database");

        await IdentityTestUsers.CreateAsync(first, "roaming@example.com", NexusRoles.Customer);
        using var viaFirst = first.CreateClient(new() { AllowAutoRedirect = false });
        var signedIn = await viaFirst.PostFormAsync("/account/login", new Dictionary<string, string>
        {
            ["Input.Email"] = "roaming@example.com",
            ["Input.Password"] = IdentityTestUsers.Password,
        });
        signedIn.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("nexus.auth=", StringComparison.Ordinal)).Split(';')[0];

        using var viaSecond = second.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", cookie);
        using var response = await viaSecond.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("roaming@example.com");
    }
}
