using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Nexus.IntegrationTests.Hosting;
using Nexus.IntegrationTests.Identity;
using Nexus.Modules.Identity.Contracts;
using Nexus.Modules.Identity.Tokens;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Messaging;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Security;

/// <summary>
/// Issue 13, item 7: a shopper's frame token (audience <c>licensing</c>) does only what the frame needs. An admin on
/// the customer-facing Licensing tab gets a token without admin powers there; the back office's frame gets a staff
/// token; the extracted Licensing service's <c>/_nexus/events</c> takes only a service token (audience
/// <c>licensing.service</c>, scope <c>events</c>) that the shop mints server-side.
/// </summary>
internal sealed class TokenAudienceTests
{
    private const string Issuer = "https://shop.example";

    private NexusHostFactory shop = null!;
    private LicensingServiceFactory service = null!;
    private string adminId = null!;
    private string customerId = null!;

    [OneTimeSetUp]
    public async Task StartHosts()
    {
        shop = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Identity:Tokens:Audiences:0"] = "licensing",
            ["Identity:Tokens:Issuer"] = Issuer,
        }).WithTestAuthentication();
        var shopAddress = shop.StartKestrel();
        adminId = (await IdentityTestUsers.CreateAsync(shop, $"admin-{Guid.NewGuid():N}@example.com", NexusRoles.Admin)).Id;
        customerId = (await IdentityTestUsers.CreateAsync(shop, $"cus-{Guid.NewGuid():N}@example.com", NexusRoles.Customer)).Id;

        // The extracted service validates against the shop's JWKS on its loopback address.
        service = new LicensingServiceFactory(new Dictionary<string, string?>
        {
            ["SubApps:licensing:HostUrl"] = shopAddress.ToString(),
            ["Identity:Tokens:Issuer"] = Issuer,
        });
    }

    [OneTimeTearDown]
    public void StopHosts()
    {
        service.Dispose();
        shop.Dispose();
    }

    [Test]
    public async Task An_admins_frame_token_for_the_customer_tab_carries_no_admin_powers()
    {
        var token = await FrameTokenAsync(adminId, NexusRoles.Admin, scope: null);
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        jwt.Audiences.Should().Equal("licensing");
        jwt.Claims.Where(c => c.Type == "role").Should().BeEmpty("an admin is no customer; the frame gets no staff role");
        jwt.Claims.Single(c => c.Type == "scope").Value.Should().Be("app");

        (await ServiceAsync(HttpMethod.Get, "/apps/licensing/admin", token)).Should().Be(HttpStatusCode.Forbidden);
        (await ServiceAsync(HttpMethod.Get, "/apps/licensing/", token)).Should().Be(HttpStatusCode.OK, "the customer view is what the frame needs");
    }

    [Test]
    public async Task The_customer_tab_page_hands_an_admin_the_same_powerless_token()
    {
        using var client = shop.CreateClientAs(adminId, NexusRoles.Admin);
        var html = await client.GetStringAsync("/account/licensing");
        var token = Regex.Match(html, "data-token=\"([^\"]+)\"").Groups[1].Value;
        Regex.Match(html, "data-token-scope=\"([^\"]+)\"").Groups[1].Value.Should().Be("app");
        new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.Should().NotContain(c => c.Type == "role" && c.Value == NexusRoles.Admin);
        (await ServiceAsync(HttpMethod.Get, "/apps/licensing/admin", token)).Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_back_office_frame_gets_a_staff_token_that_opens_the_admin_view()
    {
        using var client = shop.CreateClientAs(adminId, NexusRoles.Admin);
        var html = await client.GetStringAsync("/admin/apps/licensing");
        Regex.Match(html, "data-token-scope=\"([^\"]+)\"").Groups[1].Value.Should().Be("staff", "the bridge renews the same kind of token");
        var token = Regex.Match(html, "data-token=\"([^\"]+)\"").Groups[1].Value;
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        jwt.Claims.Single(c => c.Type == "scope").Value.Should().Be("staff");
        jwt.Claims.Should().Contain(c => c.Type == "role" && c.Value == NexusRoles.Admin);

        (await ServiceAsync(HttpMethod.Get, "/apps/licensing/admin", token)).Should().Be(HttpStatusCode.OK);
        (await ServiceAsync(HttpMethod.Get, "/apps/licensing/admin", await FrameTokenAsync(adminId, NexusRoles.Admin, "staff"))).Should().Be(HttpStatusCode.OK);
    }

    [Test]
    public async Task A_customer_cannot_ask_for_a_staff_token_or_an_unknown_scope()
    {
        using var staff = await RequestFrameTokenAsync(customerId, NexusRoles.Customer, "staff");
        staff.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var events = await RequestFrameTokenAsync(adminId, NexusRoles.Admin, "events");
        events.StatusCode.Should().Be(HttpStatusCode.BadRequest, "service tokens are never issued to a browser");
        (await events.Content.ReadAsStringAsync()).Should().Contain("Unknown scope");
    }

    [Test]
    public async Task Frame_tokens_can_neither_list_nor_replay_nor_discard_the_services_events()
    {
        foreach (var token in new[]
                 {
                     await FrameTokenAsync(adminId, NexusRoles.Admin, scope: null),
                     await FrameTokenAsync(adminId, NexusRoles.Admin, "staff"),
                     await FrameTokenAsync(customerId, NexusRoles.Customer, scope: null),
                 })
        {
            (await ServiceAsync(HttpMethod.Get, EventsAdministrationEndpoints.Path, token)).Should().Be(HttpStatusCode.Unauthorized);
            (await ServiceAsync(HttpMethod.Post, $"{EventsAdministrationEndpoints.Path}/Licensing/{Guid.NewGuid()}/replay", token)).Should().Be(HttpStatusCode.Unauthorized);
            (await ServiceAsync(HttpMethod.Post, $"{EventsAdministrationEndpoints.Path}/Licensing/{Guid.NewGuid()}/discard", token)).Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Test]
    public async Task A_service_token_minted_for_staff_reads_and_changes_the_services_events_and_opens_no_frame()
    {
        var token = await ServiceTokenAsync(adminId);
        token.Should().NotBeNull();
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token!.Token);
        jwt.Audiences.Should().Equal("licensing.service");
        jwt.Claims.Single(c => c.Type == "scope").Value.Should().Be("events");

        (await ServiceAsync(HttpMethod.Get, EventsAdministrationEndpoints.Path, token.Token)).Should().Be(HttpStatusCode.OK);
        (await ServiceAsync(HttpMethod.Post, $"{EventsAdministrationEndpoints.Path}/Licensing/{Guid.NewGuid()}/discard", token.Token)).Should().Be(HttpStatusCode.OK);
        (await ServiceAsync(HttpMethod.Get, "/apps/licensing/admin", token.Token)).Should().Be(HttpStatusCode.Unauthorized, "a service token is not a frame token");

        (await ServiceTokenAsync(customerId)).Should().BeNull("service tokens are for staff only");
    }

    private async Task<SubAppToken?> ServiceTokenAsync(string userId)
    {
        await using var scope = shop.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new IssueSubAppToken(userId, "licensing", Issuer, SubAppTokenUse.Service));
    }

    private async Task<string> FrameTokenAsync(string userId, string role, string? scope)
    {
        using var response = await RequestFrameTokenAsync(userId, role, scope);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> RequestFrameTokenAsync(string userId, string role, string? scope)
    {
        using var client = shop.CreateClientAs(userId, role);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/tokens") { Content = JsonContent.Create(new { audience = "licensing", scope }) };
        request.Headers.Add(TokenEndpoints.BridgeHeader, "1");
        return await client.SendAsync(request);
    }

    private async Task<HttpStatusCode> ServiceAsync(HttpMethod method, string path, string token)
    {
        using var client = service.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new("Bearer", token);
        request.Headers.Add("X-Nexus-Fragment", "1");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
