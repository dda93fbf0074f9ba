using System.Net;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Health;

/// <summary>The back office opens by role: Admin and Support in, Customers refused, visitors sent to sign in.</summary>
internal sealed class BackOfficeAccessTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory().WithTestAuthentication();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [TestCase(NexusRoles.Admin)]
    [TestCase(NexusRoles.Support)]
    public async Task Staff_open_the_back_office(string role)
    {
        using var client = host.CreateClientAs("staff-1", role);
        var response = await client.GetAsync("/admin");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Back office").And.Contain("/ready");
    }

    [Test]
    public async Task A_customer_is_refused()
    {
        using var client = host.CreateClientAs("carl", NexusRoles.Customer);
        var response = await client.GetAsync("/admin");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/status/403");
    }

    [Test]
    public async Task A_visitor_is_sent_to_sign_in()
    {
        using var client = host.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/admin");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/login").And.Contain("ReturnUrl=%2Fadmin");
    }
}
