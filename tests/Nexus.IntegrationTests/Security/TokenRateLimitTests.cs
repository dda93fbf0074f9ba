using System.Net;
using System.Net.Http.Json;
using Nexus.Modules.Identity.Tokens;
using Nexus.Shared.Abstractions.Security;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Security;

/// <summary>Issue 13 item 7 (first part): the token endpoint issues a limited number of tokens per user and minute.</summary>
internal sealed class TokenRateLimitTests
{
    [Test]
    public async Task Sixty_token_requests_of_one_user_get_the_per_user_limit_and_then_429()
    {
        using var host = new NexusHostFactory(new Dictionary<string, string?>
        {
            ["Identity:Tokens:PerUserPerMinute"] = "30",
        }).WithTestAuthentication();
        var greedy = await Identity.IdentityTestUsers.CreateAsync(host, "greedy@example.com", NexusRoles.Customer);
        var other = await Identity.IdentityTestUsers.CreateAsync(host, "other@example.com", NexusRoles.Customer);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 60; i++)
        {
            last?.Dispose();
            last = await RequestTokenAsync(host, greedy.Id);
            statuses.Add(last.StatusCode);
        }

        statuses.Count(s => s == HttpStatusCode.OK).Should().Be(30);
        statuses.Skip(30).Should().AllSatisfy(s => s.Should().Be(HttpStatusCode.TooManyRequests));
        last!.Headers.RetryAfter.Should().NotBeNull();
        last.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        last.Dispose();

        using var unaffected = await RequestTokenAsync(host, other.Id);
        unaffected.StatusCode.Should().Be(HttpStatusCode.OK, "the limit is per user, not for everyone");
    }

    private static async Task<HttpResponseMessage> RequestTokenAsync(NexusHostFactory host, string userId)
    {
        using var client = host.CreateClientAs(userId, NexusRoles.Customer);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/tokens") { Content = JsonContent.Create(new { audience = "licensing" }) };
        request.Headers.Add(TokenEndpoints.BridgeHeader, "1");
        return await client.SendAsync(request);
    }
}
