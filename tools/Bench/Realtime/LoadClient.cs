using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Nexus.Tools.Bench.Realtime;

/// <summary>
/// N SignalR connections (WebSockets, as browsers use) opened from this one process and held, each listening on
/// "live" the way live.js does. One <see cref="Round"/> is expected at a time; a message that does not match it (a
/// straggler from a round already given up on) is counted, not timed.
/// </summary>
internal sealed class LoadClient : IAsyncDisposable
{
    /// <summary>
    /// Source addresses the connections are spread over (127.0.0.2 ...): a connection's local port is taken at bind time
    /// from 28,000-odd ephemeral ports per address, and the Nexus run's closed sockets linger in TIME_WAIT while the
    /// reference run opens its own.
    /// </summary>
    private const int SourceAddresses = 8;

    /// <summary>Connections being opened at once: enough to keep both servers' accept loops busy, few enough not to time out.</summary>
    private const int OpeningAtOnce = 64;

    private readonly List<HubConnection> connections = [];
    private readonly HttpMessageInvoker[] invokers;
    private int slots;
    private Round? current;
    private int stray;
    private int closed;

    private LoadClient()
    {
        invokers = Enumerable.Range(0, SourceAddresses).Select(i =>
        {
            var source = IPAddress.Parse("127.0.0." + (i + 2));
            return new HttpMessageInvoker(new SocketsHttpHandler
            {
                ConnectCallback = async (context, cancellationToken) =>
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        // Lets a port still in TIME_WAIT from the previous run be bound again.
                        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                        socket.Bind(new IPEndPoint(source, 0));
                        await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            });
        }).ToArray();
    }

    public int Held => connections.Count - Volatile.Read(ref closed);

    public int Opened => connections.Count;

    public int Stray => Volatile.Read(ref stray);

    /// <summary>Opens up to <paramref name="count"/> connections; answers how many failed for good (after retries).</summary>
    public static async Task<(LoadClient Client, int Failed, TimeSpan Took)> ConnectAsync(Uri hubUrl, int count, Action<string> progress)
    {
        var client = new LoadClient();
        var clock = Stopwatch.StartNew();
        var failed = 0;
        var slots = new HubConnection?[count];
        var next = -1;
        var reported = 0;
        var openers = Enumerable.Range(0, OpeningAtOnce).Select(async _ =>
        {
            int index;
            while ((index = Interlocked.Increment(ref next)) < count)
            {
                slots[index] = await client.OpenAsync(hubUrl, index);
                if (slots[index] is null)
                {
                    Interlocked.Increment(ref failed);
                }

                if (index + 1 >= Volatile.Read(ref reported) + 2000)
                {
                    Volatile.Write(ref reported, index + 1);
                    progress($"  {index + 1} connections opened, {clock.Elapsed.TotalSeconds:F0} s");
                }
            }
        });
        await Task.WhenAll(openers);
        client.connections.AddRange(slots.OfType<HubConnection>());
        client.slots = count;
        return (client, failed, clock.Elapsed);
    }

    /// <summary>From now on, the message of <paramref name="productId"/> / <paramref name="inStock"/> is timed on every connection.</summary>
    public Round Expect(Guid productId, bool inStock)
    {
        var round = new Round(productId, inStock, slots, connections.Count);
        Volatile.Write(ref current, round);
        return round;
    }

    public void StopExpecting() => Volatile.Write(ref current, null);

    public async ValueTask DisposeAsync()
    {
        // Closed in parallel batches: 10,000 close handshakes one after the other take minutes.
        foreach (var batch in connections.Chunk(500))
        {
            await Task.WhenAll(batch.Select(c => c.DisposeAsync().AsTask()));
        }

        foreach (var invoker in invokers)
        {
            invoker.Dispose();
        }
    }

    private async Task<HubConnection?> OpenAsync(Uri hubUrl, int index)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(hubUrl, options =>
                {
                    // A browser negotiates first; the connection it then holds is the same WebSocket. Skipping the
                    // negotiate request halves the requests of the opening phase on both servers alike.
                    options.Transports = HttpTransportType.WebSockets;
                    options.SkipNegotiation = true;
                    options.WebSocketFactory = async (context, cancellationToken) =>
                    {
                        var socket = new ClientWebSocket();
                        await socket.ConnectAsync(context.Uri, invokers[index % invokers.Length], cancellationToken);
                        return socket;
                    };
                })
                .Build();
            var slot = index;
            connection.On<LiveEnvelope>("live", message => OnMessage(slot, message));
            connection.Closed += _ =>
            {
                Interlocked.Increment(ref closed);
                return Task.CompletedTask;
            };
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await connection.StartAsync(timeout.Token);
                return connection;
            }
            catch (Exception e) when (e is HttpRequestException or WebSocketException or OperationCanceledException or IOException or InvalidOperationException)
            {
                await connection.DisposeAsync();
                await Task.Delay(200 * (attempt + 1));
            }
        }

        return null;
    }

    private void OnMessage(int index, LiveEnvelope message)
    {
        // The time first: whatever follows is the harness's cost, not the delivery's.
        var arrived = Stopwatch.GetTimestamp();
        var round = Volatile.Read(ref current);
        if (round is null || message.Payload is null || message.Payload.ProductId != round.ProductId || message.Payload.InStock != round.InStock
            || !round.Arrive(index, arrived))
        {
            Interlocked.Increment(ref stray);
        }
    }
}

/// <summary>One expected push: when it reached each connection slot (0: not yet, or no connection there).</summary>
internal sealed class Round(Guid productId, bool inStock, int slots, int expected)
{
    private readonly long[] arrivals = new long[slots];
    private readonly TaskCompletionSource allArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int received;

    public Guid ProductId { get; } = productId;

    public bool InStock { get; } = inStock;

    public int Received => Volatile.Read(ref received);

    public int Expected => expected;

    public IReadOnlyList<long> Arrivals => arrivals;

    /// <summary>False for a second copy on the same connection.</summary>
    public bool Arrive(int index, long timestamp)
    {
        if (Interlocked.CompareExchange(ref arrivals[index], timestamp, 0) != 0)
        {
            return false;
        }

        if (Interlocked.Increment(ref received) == expected)
        {
            allArrived.TrySetResult();
        }

        return true;
    }

    /// <summary>True when every connection got it within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout)
    {
        try
        {
            await allArrived.Task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}

/// <summary>The message as live.js reads it: type, version, payload.</summary>
internal sealed record LiveEnvelope(string Type, int Version, StockPayload? Payload);

internal sealed record StockPayload(Guid ProductId, bool InStock);
