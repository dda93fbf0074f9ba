using Nexus.Modules.Notifications.Data;
using Nexus.Shared.Application;
using Nexus.Shared.Live;

namespace Nexus.Modules.Notifications.Live;

/// <summary>
/// Queues a push for after the event's inbox row commits: the change itself committed before its event left the
/// outbox, and a batch that fails here is redone in a fresh scope, so a browser is told once the handler's work stands.
/// </summary>
internal sealed class LiveAfterCommit(NotificationsDbContext db, AfterCommit afterCommit, LivePush push)
{
    public Task QueueAsync(Func<LivePush, CancellationToken, Task> send)
    {
        afterCommit.Enqueue(db, cancellationToken => send(push, cancellationToken));
        return Task.CompletedTask;
    }
}
