using System.Net;
using System.Net.Http.Headers;

namespace Nexus.EndToEndTests.SubApps;

/// <summary>
/// A Licensing live stream held by the test itself, with a user's bridge token: what the server does with a stream
/// seen apart from any page (a page may go away and close its own for other reasons).
/// </summary>
internal sealed class LiveStreamReader : IDisposable
{
    private readonly HttpClient client;
    private readonly HttpResponseMessage response;
    private readonly StreamReader reader;

    private LiveStreamReader(HttpClient client, HttpResponseMessage response, StreamReader reader)
    {
        this.client = client;
        this.response = response;
        this.reader = reader;
    }

    /// <summary>Opens <c>/apps/licensing/_live</c> on <paramref name="origin"/> and waits for its <c>open</c> event.</summary>
    public static async Task<LiveStreamReader> OpenAsync(Uri origin, string token)
    {
        var client = new HttpClient { BaseAddress = origin, Timeout = Timeout.InfiniteTimeSpan };
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/apps/licensing/_live");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.ParseAdd("text/event-stream");
            request.Headers.Add("X-Nexus-Fragment", "1");
            var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.StatusCode.Should().Be(HttpStatusCode.OK, "a valid token opens the stream");
            var stream = new LiveStreamReader(client, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
            (await stream.NextEventAsync(TimeSpan.FromSeconds(10))).Should().Be(("open", "{}"));
            return stream;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>The next event (heartbeat comments skipped), or null when the server ended the stream.</summary>
    public Task<(string Name, string Data)?> NextEventAsync(TimeSpan timeout) => reader.NextEventAsync(timeout);

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
        client.Dispose();
    }
}
