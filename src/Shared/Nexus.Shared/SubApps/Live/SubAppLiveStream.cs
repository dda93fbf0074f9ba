using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Hosting;
using Nexus.Shared.Abstractions.Messaging;
using Nexus.Shared.Security.Tokens;

namespace Nexus.Shared.SubApps.Live;

/// <summary>
/// One signed-in sub-app page's live connection: Server-Sent Events on the sub-app's own origin
/// (<c>GET /apps/&lt;name&gt;/_live</c>), authorized by the bridge token like every view. It forwards the user's
/// fan-out channel as <c>event: changed</c> / <c>data: &lt;topic&gt;</c> and bounds what one connection may hold:
/// a small queue that drops the oldest (a topic means "re-read", so duplicates add nothing), a heartbeat that
/// finds dead peers, an end when the token expires (the page reconnects with a fresh one), an end with
/// <c>event: signed-out</c> when the user signs out (<see cref="SubAppLiveNotifier.NotifySignedOutAsync"/>: the
/// page then needs a fresh token, which a signed-out browser no longer gets), an end when the process stops, and a
/// cap on streams per user.
/// </summary>
internal sealed class SubAppLiveStream
{
    internal const string Path = "/_live";
    internal const int MaxStreamsPerUser = 8;
    private const int QueueLength = 16;
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    private readonly IFanOut fanOut;
    private readonly IHostApplicationLifetime lifetime;
    private readonly TimeProvider clock;
    private readonly ConcurrentDictionary<string, int> streamsPerUser = new(StringComparer.Ordinal);

    public SubAppLiveStream(IFanOut fanOut, IHostApplicationLifetime lifetime, TimeProvider clock)
    {
        this.fanOut = fanOut;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    internal static bool IsTopic(string? topic) =>
        topic is { Length: > 0 and <= 32 } and not SubAppLiveNotifier.SignedOut
        && topic.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public async Task StreamAsync(HttpContext context, SubAppDefinition app)
    {
        var userId = context.User.FindFirst(NexusTokenClaims.Subject)?.Value;
        if (string.IsNullOrEmpty(userId))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        if (streamsPerUser.AddOrUpdate(userId, 1, (_, n) => n + 1) > MaxStreamsPerUser)
        {
            Release(userId);
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "30";
            return;
        }

        try
        {
            await RunAsync(context, app, userId);
        }
        finally
        {
            Release(userId);
        }
    }

    private async Task RunAsync(HttpContext context, SubAppDefinition app, string userId)
    {
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        // The stream lives no longer than the token that opened it.
        if (long.TryParse(context.User.FindFirst("exp")?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var exp))
        {
            var left = DateTimeOffset.FromUnixTimeSeconds(exp) - clock.GetUtcNow();
            ends.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }

        var queue = Channel.CreateBounded<string>(new BoundedChannelOptions(QueueLength)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });

        // Not in the queue, which drops the oldest: the sign-out notice must not be pushed out by topics.
        using var signedOut = new CancellationTokenSource();

        // Subscribed before the first byte goes out: a change made after the page saw "open" cannot slip through.
        await using var subscription = await fanOut.SubscribeAsync(SubAppLiveNotifier.ChannelFor(app, userId), message =>
        {
            if (message == SubAppLiveNotifier.SignedOut)
            {
                try
                {
                    signedOut.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // A notice still on its way after the stream ended (Redis delivers on its own threads): nothing to end.
                }
            }
            else if (IsTopic(message))
            {
                queue.Writer.TryWrite(message);
            }

            return Task.CompletedTask;
        }, ends.Token);

        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no"; // reverse proxies: pass each event through at once
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            await response.WriteAsync("retry: 2000\nevent: open\ndata: {}\n\n", ends.Token);
            await response.Body.FlushAsync(ends.Token);
            while (!ends.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ends.Token, signedOut.Token);
                wait.CancelAfter(Heartbeat);
                var frames = new StringBuilder();
                try
                {
                    if (!await queue.Reader.WaitToReadAsync(wait.Token))
                    {
                        break;
                    }

                    // Whatever queued up meanwhile goes out in one write, each topic once.
                    var topics = new HashSet<string>(StringComparer.Ordinal);
                    while (queue.Reader.TryRead(out var topic))
                    {
                        if (topics.Add(topic))
                        {
                            frames.Append(CultureInfo.InvariantCulture, $"event: changed\ndata: {topic}\n\n");
                        }
                    }
                }
                catch (OperationCanceledException) when (!ends.IsCancellationRequested)
                {
                    // The heartbeat is due, or the user signed out (below).
                    if (!signedOut.IsCancellationRequested)
                    {
                        frames.Append(": keep-alive\n\n");
                    }
                }

                // Read once: the notice that goes out is the one the stream ends on.
                var last = signedOut.IsCancellationRequested;
                if (last)
                {
                    frames.Append("event: signed-out\ndata: {}\n\n");
                }

                await response.WriteAsync(frames.ToString(), ends.Token);
                await response.Body.FlushAsync(ends.Token);
                if (last)
                {
                    // The page goes on only with a fresh token, which a signed-out browser no longer gets.
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ends.IsCancellationRequested)
        {
            // The page went away, the token expired or the process is stopping: the stream simply ends.
        }
    }

    private void Release(string userId)
    {
        var left = streamsPerUser.AddOrUpdate(userId, 0, (_, n) => n - 1);
        if (left <= 0)
        {
            streamsPerUser.TryRemove(new KeyValuePair<string, int>(userId, left));
        }
    }
}
