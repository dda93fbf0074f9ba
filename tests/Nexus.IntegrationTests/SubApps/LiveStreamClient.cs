using System.Net.Http.Json;
using System.Text.Json;
using Nexus.Modules.Identity.Tokens;
using Nexus.Shared.Abstractions.Security;
using Nexus.Shared.SubApps;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.SubApps;

/// <summary>Mints a Licensing token through the shop's endpoint and reads a live stream event by event.</summary>
internal sealed class LiveStreamClient : IAsyncDisposable
{
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private LiveStreamClient(HttpResponseMessage response, StreamReader reader)
    {
        this.response = response;
        this.reader = reader;
    }

    public static async Task<string> MintAsync(NexusHostFactory host, string userId)
    {
        using var client = host.CreateClientAs(userId, NexusRoles.Customer);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/identity/tokens") { Content = JsonContent.Create(new { audience = "licensing" }) };
        request.Headers.Add(TokenEndpoints.BridgeHeader, "1");
        using var minted = await client.SendAsync(request);
        minted.EnsureSuccessStatusCode();
        return (await minted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
    }

    public static async Task<HttpResponseMessage> OpenRawAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/apps/licensing/_live");
        request.Headers.Add(SubAppAuthentication.FragmentHeader, "1");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    public static async Task<LiveStreamClient> OpenAsync(HttpClient client, string token)
    {
        var response = await OpenRawAsync(client, token);
        response.EnsureSuccessStatusCode();
        var stream = new LiveStreamClient(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        (await stream.NextEventAsync(TimeSpan.FromSeconds(10))).Should().Be(("open", "{}"));
        return stream;
    }

    /// <summary>The next event (heartbeat comments skipped), or null when the server ended the stream.</summary>
    public Task<(string Name, string Data)?> NextEventAsync(TimeSpan timeout) => reader.NextEventAsync(timeout);

    public async ValueTask DisposeAsync()
    {
        reader.Dispose();
        response.Dispose();
        await Task.CompletedTask;
    }
}
