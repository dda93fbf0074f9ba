using Nexus.Shared.Abstractions.Messaging;

namespace Nexus.Shared.SubApps.Live;

/// <summary>
/// Tells a user's open sub-app pages that something they show has changed (a <c>topic</c>, e.g. <c>keys</c>): a
/// fan-out on the user's channel reaches the live stream of every instance, whichever instance made the change.
/// Best effort — a page that was disconnected refreshes when it reconnects. Call it only after the change has
/// committed (<see cref="Application.AfterCommit"/>): a page told too early re-reads the old state.
/// </summary>
public sealed class SubAppLiveNotifier
{
    private readonly IFanOut fanOut;

    public SubAppLiveNotifier(IFanOut fanOut) => this.fanOut = fanOut;

    public Task NotifyUserAsync(SubAppDefinition app, string userId, string topic, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (!SubAppLiveStream.IsTopic(topic))
        {
            throw new ArgumentException("A topic is 1-32 lower-case letters, digits or '-'.", nameof(topic));
        }

        return fanOut.BroadcastAsync(ChannelFor(app, userId), topic, cancellationToken);
    }

    /// <summary>The fan-out channel of one user's pages of one sub-app (the message is the topic).</summary>
    public static string ChannelFor(SubAppDefinition app, string userId)
    {
        ArgumentNullException.ThrowIfNull(app);
        return $"subapp:{app.Name}:user:{userId}";
    }
}
