using Microsoft.Extensions.Logging;
using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Shared.SubApps.Live;

/// <summary>
/// Tells a user's open sub-app pages that something they show has changed (a <c>topic</c>, e.g. <c>keys</c>): a
/// fan-out on the user's channel reaches the live stream of every instance, whichever instance made the change.
/// Best effort — a page that was disconnected refreshes when it reconnects. Call it only after the change has
/// committed (<see cref="Application.AfterCommit"/>): a page told too early re-reads the old state.
/// </summary>
public sealed partial class SubAppLiveNotifier
{
    /// <summary>
    /// The message on a user's channel that ends their streams (they signed out). Reserved: it is never a topic.
    /// </summary>
    internal const string SignedOut = "signed-out";

    private readonly IFanOut fanOut;
    private readonly SubAppRegistry registry;
    private readonly ILogger<SubAppLiveNotifier> logger;

    public SubAppLiveNotifier(IFanOut fanOut, SubAppRegistry registry, ILogger<SubAppLiveNotifier> logger)
    {
        this.fanOut = fanOut;
        this.registry = registry;
        this.logger = logger;
    }

    public Task NotifyUserAsync(SubAppDefinition app, string userId, string topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (!SubAppLiveStream.IsTopic(topic))
        {
            throw new ArgumentException($"A topic is 1-32 lower-case letters, digits or '-', and not '{SignedOut}'.", nameof(topic));
        }

        return fanOut.BroadcastAsync(ChannelFor(app, userId), topic, cancellationToken);
    }

    /// <summary>
    /// The user signed out: every open live stream of theirs, of every sub-app this process knows and on every
    /// instance or service that serves one, ends at once instead of at its token's expiry. The pages then ask their
    /// host for a fresh token — a browser that signed out gets none and stops, another device still signed in gets
    /// one and reconnects. Best effort, like every fan-out: a notice that fails is logged, and the streams still end
    /// when their tokens expire.
    /// </summary>
    /// <param name="userId">The user whose pages are told.</param>
    /// <param name="revoked">
    /// The account's sessions were revoked by staff (lock-out, role change, forced reset): the shop's pages check the
    /// security stamp at once and leave, instead of at the cookie's next periodic check. A sign-out is not that: the
    /// user's other devices stay signed in until their own check (their pages reconnect and carry on).
    /// </param>
    public async Task NotifySignedOutAsync(string userId, bool revoked = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        // The host pages' live channel too (Nexus.Shared.Live.LiveSignOut): its connections of this user close on
        // every instance, whether or not this process serves the hub.
        try
        {
            await fanOut.BroadcastAsync(Nexus.Shared.Live.LiveSignOut.Channel, Nexus.Shared.Live.LiveSignOut.Notice(userId, revoked));
        }
        catch (Exception ex)
        {
            LogSignedOutNoticeFailed(logger, "the shop's live channel", ex);
        }

        foreach (var app in registry.All)
        {
            try
            {
                await fanOut.BroadcastAsync(ChannelFor(app.Definition, userId), SignedOut);
            }
            catch (Exception ex)
            {
                LogSignedOutNoticeFailed(logger, app.Definition.Name, ex);
            }
        }
    }

    /// <summary>The fan-out channel of one user's pages of one sub-app (the message is the topic).</summary>
    public static string ChannelFor(SubAppDefinition app, string userId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return $"subapp:{app.Name}:user:{userId}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sign-out notice to the live streams of {App} failed; they end when their tokens expire")]
    private static partial void LogSignedOutNoticeFailed(ILogger logger, string app, Exception exception);
}
