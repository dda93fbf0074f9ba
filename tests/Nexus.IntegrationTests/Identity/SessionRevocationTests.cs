using System.Net.Http.Json;
using System.Net;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>Locking an account in the back office ends the sessions it already has, not just future sign-ins.</summary>
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

    private sealed record SessionAnswer(bool SignedIn);
}
