using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Nexus.Modules.Identity.Data;
using Nexus.Modules.Identity.Tokens;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.Security.Tokens;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Identity;

/// <summary>
/// The token service sub-apps and extracted services rely on: minted for the signed-in user, at most five
/// minutes, one audience, RS256 with a published key — and refused by the shared validator when expired, for
/// another audience, or tampered with.
/// </summary>
internal sealed class TokenServiceTests
{
    private NexusHostFactory host = null!;
    private Uri baseAddress = null!;
    private ShopUser shopper = null!;
    private WebApplication receiver = null!;
    private HttpClient receiverClient = null!;

    [OneTimeSetUp]
    public async Task StartHosts()
    {
        host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Identity:Tokens:Audiences:0"] = "licensing",
            ["Identity:Tokens:Audiences:1"] = "analytics",
            ["Identity:Tokens:Issuer"] = "https://shop.example",
        }).WithTestAuthentication();
        baseAddress = host.StartKestrel();
        shopper = await IdentityTestUsers.CreateAsync(host, "tina@example.com", NexusRoles.Customer);

        // A stand-in for an extracted service: validates with the shared helper against the host's JWKS URL. It runs in
        // the test environment, where the keys may come over plain HTTP from the test host (outside Development and
        // Testing they must come over HTTPS: JwksTransportTests).
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseTestServer();
        builder.Services.AddNexusTokenValidation("licensing", new Uri(baseAddress, NexusTokenClaims.JwksPath), issuer: "https://shop.example");
        builder.Services.AddAuthorization();
        receiver = builder.Build();
        receiver.UseAuthentication();
        receiver.UseAuthorization();
        receiver.MapGet("/whoami", (HttpContext http) => string.Join(' ', http.User.FindFirst("sub")!.Value, string.Join(',', http.User.FindAll("role").Select(c => c.Value))))
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(NexusTokenValidationExtensions.DefaultScheme).RequireAuthenticatedUser());
        await receiver.StartAsync();
        receiverClient = receiver.GetTestClient();
    }

    [OneTimeTearDown]
    public async Task StopHosts()
    {
        receiverClient.Dispose();
        await receiver.DisposeAsync();
        host.Dispose();
    }

    [Test]
    public async Task A_signed_in_user_gets_a_five_minute_token_for_a_known_audience()
    {
        var before = DateTime.UtcNow;
        using var response = await RequestTokenAsync(shopper.Id, "licensing");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var expiresAt = body.GetProperty("expiresAt").GetDateTime();
        body.GetProperty("expiresAt").GetString().Should().EndWith("Z");

        var token = new JwtSecurityTokenHandler().ReadJwtToken(body.GetProperty("token").GetString());
        token.Header.Alg.Should().Be("RS256");
        token.Header.Kid.Should().NotBeNullOrEmpty();
        token.Subject.Should().Be(shopper.Id);
        token.Audiences.Should().Equal("licensing");
        token.Issuer.Should().Be("https://shop.example");
        token.Claims.Should().Contain(c => c.Type == "email" && c.Value == "tina@example.com");
        token.Claims.Where(c => c.Type == "role").Select(c => c.Value).Should().Equal(NexusRoles.Customer);
        token.Id.Should().NotBeNullOrEmpty();
        (token.ValidTo - token.IssuedAt).Should().BeLessThanOrEqualTo(TimeSpan.FromMinutes(5));
        token.ValidTo.Should().BeCloseTo(expiresAt, TimeSpan.FromSeconds(1));
        expiresAt.Should().BeOnOrAfter(before.AddMinutes(5).AddSeconds(-2)).And.BeOnOrBefore(DateTime.UtcNow.AddMinutes(5).AddSeconds(1));
    }

    [Test]
    public async Task The_shared_validator_accepts_a_fresh_token_for_its_audience()
    {
        var token = await MintAsync(shopper.Id, "licensing");
        using var response = await CallReceiverAsync(token);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Be($"{shopper.Id} {NexusRoles.Customer}");
    }

    [Test]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = await MintAsync(shopper.Id, "analytics");
        using var response = await CallReceiverAsync(token);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_token_with_a_tampered_payload_or_signature_is_refused()
    {
        var token = await MintAsync(shopper.Id, "licensing");
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"Customer\"", "\"Admin\"", StringComparison.Ordinal);
        var elevated = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
        var signature = parts[2].ToCharArray();
        signature[10] = signature[10] == 'A' ? 'B' : 'A';
        var badSignature = $"{parts[0]}.{parts[1]}.{new string(signature)}";

        using var first = await CallReceiverAsync(elevated);
        using var second = await CallReceiverAsync(badSignature);
        first.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        second.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_expired_token_signed_with_the_real_key_is_refused()
    {
        var key = await host.Service<SigningKeyStore>().GetSigningKeyAsync(CancellationToken.None);
        var now = DateTime.UtcNow;
        var expired = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "https://shop.example",
            Audience = "licensing",
            IssuedAt = now.AddMinutes(-10),
            NotBefore = now.AddMinutes(-10),
            Expires = now.AddMinutes(-5),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            Claims = new Dictionary<string, object> { ["sub"] = shopper.Id },
        });

        using var response = await CallReceiverAsync(expired);
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("expired");
    }

    [Test]
    public async Task The_in_process_validator_reads_the_key_store_directly()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<INexusSigningKeySource>(host.Service<SigningKeyStore>());
        builder.Services.AddNexusTokenValidation("analytics");
        builder.Services.AddAuthorization();
        await using var inProcess = builder.Build();
        inProcess.UseAuthentication();
        inProcess.UseAuthorization();
        inProcess.MapGet("/email", (HttpContext http) => http.User.FindFirst("email")!.Value)
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(NexusTokenValidationExtensions.DefaultScheme).RequireAuthenticatedUser());
        await inProcess.StartAsync();
        using var client = inProcess.GetTestClient();

        using var accepted = new HttpRequestMessage(HttpMethod.Get, "/email");
        accepted.Headers.Authorization = new("Bearer", await MintAsync(shopper.Id, "analytics"));
        using var acceptedResponse = await client.SendAsync(accepted);
        (await acceptedResponse.Content.ReadAsStringAsync()).Should().Be("tina@example.com");

        using var refused = new HttpRequestMessage(HttpMethod.Get, "/email");
        refused.Headers.Authorization = new("Bearer", await MintAsync(shopper.Id, "licensing"));
        (await client.SendAsync(refused)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task An_unknown_audience_is_a_400_problem()
    {
        using var response = await RequestTokenAsync(shopper.Id, "payroll");
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain("Unknown audience");
    }

    [Test]
    public async Task Visitors_get_401_and_calls_without_the_bridge_header_or_from_another_origin_get_403()
    {
        using var anonymous = host.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = baseAddress });
        using var anonymousRequest = TokenRequest("licensing");
        using var anonymousResponse = await anonymous.SendAsync(anonymousRequest);
        anonymousResponse.StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var client = host.CreateClientAs(shopper.Id, NexusRoles.Customer);
        using var noHeader = new HttpRequestMessage(HttpMethod.Post, "/api/identity/tokens") { Content = JsonContent.Create(new { audience = "licensing" }) };
        using var noHeaderResponse = await client.SendAsync(noHeader);
        noHeaderResponse.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var crossOrigin = TokenRequest("licensing");
        crossOrigin.Headers.Add("Origin", "https://evil.example");
        using var crossOriginResponse = await client.SendAsync(crossOrigin);
        crossOriginResponse.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Test]
    public async Task The_key_rotates_by_age_and_the_previous_key_stays_published()
    {
        // A separate host: this test ages the keys.
        using var rotating = new NexusHostFactory(new Dictionary<string, string?> { ["Identity:Tokens:KeyRotationDays"] = "30" });
        _ = rotating.Server;
        var store = rotating.Service<SigningKeyStore>();
        var first = (await store.GetSigningKeyAsync(CancellationToken.None)).KeyId;

        await using (var scope = rotating.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IdentityStoreDbContext>();
            var key = db.SigningKeys.Single();
            db.Entry(key).Property(k => k.CreatedAt).CurrentValue = DateTime.UtcNow.AddDays(-31);
            await db.SaveChangesAsync();
        }

        store.Invalidate();
        var second = (await store.GetSigningKeyAsync(CancellationToken.None)).KeyId;
        second.Should().NotBe(first);

        using var client = rotating.CreateClient();
        var jwks = await client.GetFromJsonAsync<JsonElement>(NexusTokenClaims.JwksPath);
        jwks.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("kid").GetString()).Should().BeEquivalentTo([first, second]);
        jwks.GetProperty("keys").EnumerateArray().Select(k => k.TryGetProperty("d", out _)).Should().AllBeEquivalentTo(false, "only public halves are published");
    }

    [Test]
    public async Task The_jwks_document_is_public()
    {
        using var anonymous = host.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = baseAddress });
        using var response = await anonymous.GetAsync(NexusTokenClaims.JwksPath);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var jwks = await response.Content.ReadFromJsonAsync<JsonElement>();
        var key = jwks.GetProperty("keys").EnumerateArray().First();
        key.GetProperty("kty").GetString().Should().Be("RSA");
        key.GetProperty("alg").GetString().Should().Be("RS256");
        key.GetProperty("use").GetString().Should().Be("sig");
    }

    [Test]
    public async Task The_licensing_tab_hands_over_a_first_token_with_the_page_and_is_never_stored()
    {
        using var client = host.CreateClientAs(shopper.Id, NexusRoles.Customer);
        using var response = await client.GetAsync("/account/licensing");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue("the page carries a bearer token");
        var html = await response.Content.ReadAsStringAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "data-token=\"([^\"]+)\"").Groups[1].Value;
        var expires = System.Text.RegularExpressions.Regex.Match(html, "data-token-expires=\"([^\"]+)\"").Groups[1].Value;

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        jwt.Subject.Should().Be(shopper.Id);
        jwt.Audiences.Should().Equal("licensing");
        DateTime.Parse(expires, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind)
            .Should().BeCloseTo(jwt.ValidTo, TimeSpan.FromSeconds(1));
        using var accepted = await CallReceiverAsync(token);
        accepted.StatusCode.Should().Be(HttpStatusCode.OK, "it is the same token the endpoint mints");
    }

    [Test]
    public async Task A_locked_out_account_gets_no_first_token_in_the_page()
    {
        var locked = await IdentityTestUsers.CreateAsync(host, $"locked-{Guid.NewGuid():N}@example.com", NexusRoles.Customer);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ShopUser>>();
            var user = await users.FindByIdAsync(locked.Id);
            await users.SetLockoutEnabledAsync(user!, true);
            await users.SetLockoutEndDateAsync(user!, DateTimeOffset.UtcNow.AddHours(1));
        }

        using var client = host.CreateClientAs(locked.Id, NexusRoles.Customer);
        var html = await client.GetStringAsync("/account/licensing");
        // Razor always writes data-* attributes; an empty one means "none" to the bridge, which then asks the
        // endpoint — and that refuses a locked-out account.
        System.Text.RegularExpressions.Regex.Match(html, "data-token=\"([^\"]*)\"").Groups[1].Value.Should().BeEmpty();
    }

    private async Task<string> MintAsync(string userId, string audience)
    {
        using var response = await RequestTokenAsync(userId, audience);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    private async Task<HttpResponseMessage> RequestTokenAsync(string userId, string audience)
    {
        using var client = host.CreateClientAs(userId, NexusRoles.Customer);
        using var request = TokenRequest(audience);
        return await client.SendAsync(request);
    }

    private static HttpRequestMessage TokenRequest(string audience)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/tokens") { Content = JsonContent.Create(new { audience }) };
        request.Headers.Add(TokenEndpoints.BridgeHeader, "1");
        return request;
    }

    private async Task<HttpResponseMessage> CallReceiverAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Authorization = new("Bearer", token);
        return await receiverClient.SendAsync(request);
    }
}
