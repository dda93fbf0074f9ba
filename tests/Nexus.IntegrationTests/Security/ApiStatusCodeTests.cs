using System.Net;
using System.Net.Http.Headers;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Security;

/// <summary>
/// Issue 13 item 11: a refused call carrying only a bearer token answers its own status — ProblemDetails for APIs
/// (<c>/api</c>, <c>/_nexus</c>, <c>/.well-known</c>), the status page for pages — never the 400 of the status page's
/// antiforgery check on a re-executed POST.
/// </summary>
internal sealed class ApiStatusCodeTests
{
    private NexusHostFactory host = null!;

    [OneTimeSetUp]
    public void StartHost() => host = new NexusHostFactory();

    [OneTimeTearDown]
    public void StopHost() => host.Dispose();

    [TestCase("POST", "/api/identity/tokens", HttpStatusCode.Unauthorized)]
    [TestCase("POST", "/api/no-such-thing", HttpStatusCode.NotFound)]
    [TestCase("POST", "/_nexus/events/licensing/00000000-0000-0000-0000-000000000001/discard", HttpStatusCode.NotFound)]
    [TestCase("GET", "/_nexus/no-such-thing", HttpStatusCode.NotFound)]
    // A method the endpoint does not take still needs a signed-in caller first (the fail-closed fallback policy).
    [TestCase("POST", "/_nexus/bridge/bridge-core.js", HttpStatusCode.Unauthorized)]
    [TestCase("POST", "/.well-known/jwks.json", HttpStatusCode.Unauthorized)]
    public async Task A_refused_bearer_only_api_call_answers_its_own_status_as_problem_details(string method, string path, HttpStatusCode expected)
    {
        using var response = await SendWithBearerAsync(method, path);
        response.StatusCode.Should().Be(expected);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        (await response.Content.ReadAsStringAsync()).Should().Contain($"\"status\":{(int)expected}");
    }

    [TestCase("POST", "/no-such-page", HttpStatusCode.NotFound)]
    [TestCase("POST", "/admin", HttpStatusCode.Found)]
    public async Task A_refused_bearer_only_page_post_answers_its_own_status_not_400(string method, string path, HttpStatusCode expected)
    {
        using var response = await SendWithBearerAsync(method, path);
        response.StatusCode.Should().Be(expected);
        if (expected == HttpStatusCode.NotFound)
        {
            response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
            (await response.Content.ReadAsStringAsync()).Should().Contain("find that page");
        }
    }

    private async Task<HttpResponseMessage> SendWithBearerAsync(string method, string path)
    {
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");
        request.Headers.Add("X-Nexus-Bridge", "1");
        return await client.SendAsync(request);
    }
}
