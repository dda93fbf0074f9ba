using MediatR;
using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Notifications.Data;
using Nexus.Modules.Notifications.Live;
using Nexus.Shared.Abstractions.Application;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.InApp;

/// <summary>Marks one entry of the user's notification centre read; false when it is not theirs to see.</summary>
internal sealed record MarkNotificationRead(string UserId, Guid NotificationId) : ICommand<bool>;

/// <summary>Marks everything the user can see read; returns how many entries changed.</summary>
internal sealed record MarkAllNotificationsRead(string UserId) : ICommand<int>;

internal sealed class ReadNotificationsHandler(NotificationsDbContext db, NotificationCentre centre, LiveAfterCommit live, TimeProvider clock)
    : IRequestHandler<MarkNotificationRead, bool>, IRequestHandler<MarkAllNotificationsRead, int>
{
    /// <summary>The most one request marks; a user with more unread (years of broadcasts cannot be) marks the rest next time.</summary>
    private const int MaxPerRequest = 1_000;

    public async Task<bool> Handle(MarkNotificationRead request, CancellationToken cancellationToken)
    {
        var entry = await centre.Visible(request.UserId).FirstOrDefaultAsync(n => n.Id == request.NotificationId, cancellationToken);
        if (entry is null)
        {
            return false;
        }

        var changed = await MarkAsync(request.UserId, [entry], cancellationToken);
        if (changed > 0)
        {
            await TellOtherTabsAsync(request.UserId);
        }

        return true;
    }

    public async Task<int> Handle(MarkAllNotificationsRead request, CancellationToken cancellationToken)
    {
        var unread = await centre.Unread(request.UserId).Take(MaxPerRequest).ToListAsync(cancellationToken);
        var changed = await MarkAsync(request.UserId, unread, cancellationToken);
        if (changed > 0)
        {
            await TellOtherTabsAsync(request.UserId);
        }

        return changed;
    }

    private async Task<int> MarkAsync(string userId, IReadOnlyList<InAppNotification> entries, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = 0;
        var personal = entries.Where(e => e.UserId is not null && e.ReadAt is null).Select(e => e.Id).ToList();
        if (personal.Count > 0)
        {
            foreach (var entry in await db.InApp.Where(n => personal.Contains(n.Id) && n.ReadAt == null).ToListAsync(cancellationToken))
            {
                entry.ReadAt = now;
                changed++;
            }
        }

        var broadcasts = entries.Where(e => e.UserId is null).Select(e => e.Id).ToList();
        if (broadcasts.Count > 0)
        {
            var read = await db.BroadcastReads.Where(r => r.UserId == userId && broadcasts.Contains(r.NotificationId)).Select(r => r.NotificationId).ToListAsync(cancellationToken);
            foreach (var id in broadcasts.Except(read))
            {
                db.BroadcastReads.Add(new BroadcastRead { NotificationId = id, UserId = userId, ReadAt = now });
                changed++;
            }
        }

        return changed;
    }

    // The user's other tabs and devices re-read their bell (after the commit, like every push).
    private Task TellOtherTabsAsync(string userId) =>
        live.QueueAsync((push, ct) => push.ToUserAsync(userId, new LiveMessage(LiveMessageTypes.NotificationsChanged, 1, new { }), ct));
}
