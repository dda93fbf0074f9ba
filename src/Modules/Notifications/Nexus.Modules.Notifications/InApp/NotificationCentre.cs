using Microsoft.EntityFrameworkCore;
using Nexus.Modules.Notifications.Data;

namespace Nexus.Modules.Notifications.InApp;

/// <summary>One entry as its reader sees it.</summary>
internal sealed record NotificationView(Guid Id, string Kind, string Title, string Body, string? Link, DateTime CreatedAt, bool Read);

internal sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Page, int PageCount, int Unread);

/// <summary>
/// The reads of the notification centre (the header's bell and the page): a user's own entries and the broadcasts of
/// the last <see cref="InAppNotification.BroadcastShownFor"/>, newest first, with what they have read.
/// </summary>
internal sealed class NotificationCentre(NotificationsDbContext db, TimeProvider clock)
{
    public const int PageSize = 20;

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken) =>
        await Unread(userId).CountAsync(cancellationToken);

    public async Task<NotificationPage> PageAsync(string userId, int page, int size, CancellationToken cancellationToken)
    {
        var visible = Visible(userId);
        var total = await visible.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pageCount);
        var items = await visible
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(n => new NotificationView(
                n.Id, n.Kind, n.Title, n.Body, n.Link, n.CreatedAt,
                n.UserId != null ? n.ReadAt != null : db.BroadcastReads.Any(r => r.NotificationId == n.Id && r.UserId == userId)))
            .ToListAsync(cancellationToken);
        return new NotificationPage(items, page, pageCount, await UnreadCountAsync(userId, cancellationToken));
    }

    internal IQueryable<InAppNotification> Visible(string userId)
    {
        var since = clock.GetUtcNow().UtcDateTime - InAppNotification.BroadcastShownFor;
        return db.InApp.AsNoTracking().Where(n => n.UserId == userId || (n.UserId == null && n.CreatedAt >= since));
    }

    internal IQueryable<InAppNotification> Unread(string userId) =>
        Visible(userId).Where(n => n.UserId != null
            ? n.ReadAt == null
            : !db.BroadcastReads.Any(r => r.NotificationId == n.Id && r.UserId == userId));
}
