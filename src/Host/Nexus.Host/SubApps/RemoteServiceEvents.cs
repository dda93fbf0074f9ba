using System.Net.Http.Headers;
using System.Net.Http.Json;
using Nexus.Modules.Identity.Contracts;
using Nexus.Shared.Messaging;
using Nexus.Shared.SubApps;

namespace Nexus.Host.SubApps;

/// <summary>
/// The outboxes, inboxes and dead letters of the sub-apps that run as services of their own (SubApps:&lt;name&gt;:Url),
/// read and changed through their <see cref="EventsAdministrationEndpoints"/> with a service token (audience
/// <c>&lt;name&gt;.service</c>, scope <c>events</c>) minted here for the member of staff looking and never sent to a
/// browser — the service applies that person's roles, exactly as the shop's own page does.
/// </summary>
internal sealed class RemoteServiceEvents
{
    public const string HttpClientName = "nexus-remote-events";

    private readonly SubAppRegistry subApps;
    private readonly SubAppTokens tokens;
    private readonly IHttpClientFactory clients;

    public RemoteServiceEvents(SubAppRegistry subApps, SubAppTokens tokens, IHttpClientFactory clients)
    {
        this.subApps = subApps;
        this.tokens = tokens;
        this.clients = clients;
    }

    /// <summary>Each remote service's report, or why it could not be read (the page shows that instead).</summary>
    public async Task<IReadOnlyList<RemoteServiceEventsResult>> ReadAllAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var results = new List<RemoteServiceEventsResult>();
        foreach (var app in subApps.All.Where(a => a.IsRemote))
        {
            try
            {
                using var response = await SendAsync(app, HttpMethod.Get, EventsAdministrationEndpoints.Path, http, cancellationToken);
                results.Add(response.IsSuccessStatusCode
                    ? new RemoteServiceEventsResult(app.Definition.Name, app.RemoteOrigin!, await response.Content.ReadFromJsonAsync<RemoteEventsReport>(cancellationToken), null)
                    : new RemoteServiceEventsResult(app.Definition.Name, app.RemoteOrigin!, null, $"the service answered {(int)response.StatusCode} {response.ReasonPhrase}"));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
            {
                results.Add(new RemoteServiceEventsResult(app.Definition.Name, app.RemoteOrigin!, null, $"the service could not be reached: {ex.Message}"));
            }
        }

        return results;
    }

    /// <summary>Replays (or discards) a dead letter in a remote service; null when the service could not be asked.</summary>
    public async Task<bool?> ChangeAsync(string service, string module, Guid eventId, bool replay, HttpContext http, CancellationToken cancellationToken)
    {
        var app = subApps.All.FirstOrDefault(a => a.IsRemote && string.Equals(a.Definition.Name, service, StringComparison.Ordinal));
        if (app is null)
        {
            return null;
        }

        try
        {
            var path = $"{EventsAdministrationEndpoints.Path}/{Uri.EscapeDataString(module)}/{eventId}/{(replay ? "replay" : "discard")}";
            using var response = await SendAsync(app, HttpMethod.Post, path, http, cancellationToken);
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<RemoteEventChange>(cancellationToken))?.Changed : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(RegisteredSubApp app, HttpMethod method, string path, HttpContext http, CancellationToken cancellationToken)
    {
        var token = await tokens.MintAsync(app, SubAppTokenUse.Service, http, cancellationToken)
            ?? throw new InvalidOperationException($"no service token for '{app.Definition.Audience}' could be minted for this account");
        using var request = new HttpRequestMessage(method, new Uri(new Uri(app.RemoteOrigin!), path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return await clients.CreateClient(HttpClientName).SendAsync(request, cancellationToken);
    }
}

/// <summary>One remote service's events, or the reason they could not be read.</summary>
internal sealed record RemoteServiceEventsResult(string Service, string Origin, RemoteEventsReport? Report, string? Problem);
