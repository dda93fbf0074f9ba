using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Shared.Live;

/// <summary>
/// Sign-out ends a user's live connections at once, on every instance — the hub's counterpart of the sub-apps' SSE
/// streams ending on <c>SubAppLiveNotifier.NotifySignedOutAsync</c>, which also broadcasts here. Each connection is
/// told <see cref="LiveMessageTypes.SessionEnded"/> and closed: it heard its user's groups on the strength of a cookie
/// that may no longer be valid. The browser reconnects with whatever cookie it still has — none after a sign-out
/// (then it joins only the public groups), a still-valid one on another device (its groups again).
/// </summary>
internal sealed partial class LiveSignOut : IHostedService
{
    /// <summary>The fan-out channel; the message is the user id, then <c>\nrevoked</c> when staff revoked the sessions.</summary>
    internal const string Channel = "live:signed-out";

    private const string RevokedSuffix = "\nrevoked";

    internal static string Notice(string userId, bool revoked) => revoked ? userId + RevokedSuffix : userId;

    private readonly IFanOut fanOut;
    private readonly LiveConnections connections;
    private readonly IHubContext<ShopHub> hub;
    private readonly ILogger<LiveSignOut> logger;
    private CancellationTokenSource? stopping;
    private IAsyncDisposable? subscription;
    private Task? subscribing;

    public LiveSignOut(IFanOut fanOut, LiveConnections connections, IHubContext<ShopHub> hub, ILogger<LiveSignOut> logger)
    {
        this.fanOut = fanOut;
        this.connections = connections;
        this.hub = hub;
        this.logger = logger;
    }

    /// <summary>
    /// Subscribes in the background and keeps trying: with Redis down at start-up the shop must still start (and say
    /// so in its health), not die on the SUBSCRIBE — the notices reach this instance once Redis is back.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = new CancellationTokenSource();
        subscribing = SubscribeUntilDoneAsync(stopping.Token);
        return Task.CompletedTask;
    }

    /// <summary>Safe to call more than once (a test host may stop twice): the second call finds nothing to stop.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref stopping, null) is not { } cancel)
        {
            return;
        }

        await cancel.CancelAsync();
        if (subscribing is not null)
        {
            await subscribing;
            subscribing = null;
        }

        if (Interlocked.Exchange(ref subscription, null) is { } subscribed)
        {
            await subscribed.DisposeAsync();
        }

        cancel.Dispose();
    }

    private async Task SubscribeUntilDoneAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                subscription = await fanOut.SubscribeAsync(Channel, EndConnectionsAsync, cancellationToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSubscribeFailed(logger, wait.TotalSeconds, ex);
            }

            try
            {
                await Task.Delay(wait, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = TimeSpan.FromSeconds(Math.Min(30, wait.TotalSeconds * 2));
        }
    }

    internal async Task EndConnectionsAsync(string notice)
    {
        var revoked = notice.EndsWith(RevokedSuffix, StringComparison.Ordinal);
        var userId = revoked ? notice[..^RevokedSuffix.Length] : notice;
        foreach (var connection in connections.Of(userId))
        {
            try
            {
                await hub.Clients.Client(connection.ConnectionId).SendAsync(
                    LiveMessage.ClientMethod, new LiveMessage(LiveMessageTypes.SessionEnded, 1, new { revoked }));
            }
            catch (Exception ex)
            {
                LogNoticeFailed(logger, ex);
            }
            finally
            {
                connection.Abort();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live sign-out notices are not heard on this instance yet (the fan-out could not subscribe); trying again in {Seconds} s")]
    private static partial void LogSubscribeFailed(ILogger logger, double seconds, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The session-ended notice to a live connection failed; the connection is closed anyway")]
    private static partial void LogNoticeFailed(ILogger logger, Exception exception);
}
