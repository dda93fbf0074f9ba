using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nexus.Shared.Persistence;

namespace Nexus.Shared.Messaging;

/// <summary>
/// The back office's view of the bus across every module database of this instance: what waits in the outboxes,
/// what was delivered, what is being retried and what is dead — and replaying or discarding a dead letter.
/// </summary>
public sealed class EventsAdministration
{
    private const int ProblemsShown = 100;
    private readonly IServiceScopeFactory scopes;
    private readonly ModuleDatabaseRegistry registry;
    private readonly IEventTransport transport;
    private readonly TimeProvider clock;

    public EventsAdministration(IServiceScopeFactory scopes, ModuleDatabaseRegistry registry, IEventTransport transport, TimeProvider clock)
    {
        this.scopes = scopes;
        this.registry = registry;
        this.transport = transport;
        this.clock = clock;
    }

    public string TransportName => transport.Name;

    public async Task<IReadOnlyList<ModuleEventsSummary>> SummarizeAsync(CancellationToken cancellationToken)
    {
        var summaries = new List<ModuleEventsSummary>();
        foreach (var module in registry.All)
        {
            await using var scope = scopes.CreateAsyncScope();
            var context = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
            var pending = await context.Outbox.CountAsync(m => m.PublishedAt == null, cancellationToken);
            var delivered = await context.Outbox.CountAsync(m => m.PublishedAt != null, cancellationToken);
            var byStatus = await context.Inbox.GroupBy(m => m.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
            var problems = await context.Inbox.AsNoTracking()
                .Where(m => m.Status == InboxStatus.Retrying || m.Status == InboxStatus.DeadLettered)
                .OrderByDescending(m => m.LastAttemptAt).Take(ProblemsShown).ToListAsync(cancellationToken);
            int Count(InboxStatus status) => byStatus.FirstOrDefault(s => s.Status == status)?.Count ?? 0;
            summaries.Add(new ModuleEventsSummary(
                module.ModuleName, pending, delivered, Count(InboxStatus.Processed), Count(InboxStatus.Retrying), Count(InboxStatus.DeadLettered),
                Count(InboxStatus.Discarded), problems));
        }

        return summaries;
    }

    /// <summary>Gives a dead letter a fresh set of attempts, starting now. False if it is not (or no longer) dead.</summary>
    public Task<bool> ReplayAsync(string moduleName, Guid eventId, CancellationToken cancellationToken) =>
        ChangeDeadLetterAsync(moduleName, eventId, message =>
        {
            message.Status = InboxStatus.Retrying;
            message.Attempts = 0;
            message.NextAttemptAt = clock.GetUtcNow().UtcDateTime;
            message.LeaseOwner = null;
            message.LeaseUntil = null;
        }, cancellationToken);

    /// <summary>Marks a dead letter as deliberately not applied; it stays in the inbox, so a redelivery is ignored.</summary>
    public Task<bool> DiscardAsync(string moduleName, Guid eventId, CancellationToken cancellationToken) =>
        ChangeDeadLetterAsync(moduleName, eventId, message =>
        {
            message.Status = InboxStatus.Discarded;
            message.NextAttemptAt = null;
        }, cancellationToken);

    private async Task<bool> ChangeDeadLetterAsync(string moduleName, Guid eventId, Action<InboxMessage> change, CancellationToken cancellationToken)
    {
        var module = registry.All.FirstOrDefault(m => string.Equals(m.ModuleName, moduleName, StringComparison.Ordinal));
        if (module is null)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var context = (ModuleDbContext)scope.ServiceProvider.GetRequiredService(module.ContextType);
        var message = await context.Inbox.SingleOrDefaultAsync(m => m.EventId == eventId, cancellationToken);
        if (message is not { Status: InboxStatus.DeadLettered })
        {
            return false;
        }

        change(message);
        await context.SaveChangesAsync(cancellationToken);
        return true;
    }
}
