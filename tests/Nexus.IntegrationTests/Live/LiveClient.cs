using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Http.Connections.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Nexus.IntegrationTests.Cart;
using Nexus.Testing.Hosting;

namespace Nexus.IntegrationTests.Live;

/// <summary>A browser's live connection, as the .NET SignalR client: what it heard, in order, and whether it was closed.</summary>
internal sealed class LiveClient : IAsyncDisposable
{
    private LiveClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public ConcurrentQueue<Heard> Messages { get; } = new();

    public TaskCompletionSource Closed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Connects to <paramref name="host"/>'s hub in memory (long polling through the test server), or through
    /// <paramref name="url"/> over WebSockets when the host listens on Kestrel.
    /// </summary>
    public static async Task<LiveClient> ConnectAsync(NexusHostFactory host, Action<HttpConnectionOptions>? configure = null, Uri? url = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(url is null ? new Uri(host.Server.BaseAddress, "hubs/shop") : new Uri(url, "hubs/shop"), options =>
            {
                if (url is null)
                {
                    options.HttpMessageHandlerFactory = _ => host.Server.CreateHandler();
                    options.Transports = HttpTransportType.LongPolling;
                }

                configure?.Invoke(options);
            })
            .Build();
        var client = new LiveClient(connection);
        connection.On<Heard>("live", heard => client.Messages.Enqueue(heard));
        connection.Closed += _ =>
        {
            client.Closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();
        return client;
    }

    /// <summary>A signed-in shopper's add to cart, with the antiforgery token their pages carry (the header's sign-out form has one).</summary>
    public static async Task AddSignedInAsync(HttpClient client, Guid product, int quantity)
    {
        var token = FormPoster.TokenOf(await client.GetStringAsync("/"));
        using var response = await client.AddAsync(product, quantity.ToString(System.Globalization.CultureInfo.InvariantCulture), extra: new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
    }

    public bool HeardType(string type) => Messages.Any(m => m.Type == type);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();

    internal sealed record Heard(string Type, int Version, JsonElement Payload);
}
