using System.Collections.Concurrent;
using Nexus.Shared.Background;

namespace Nexus.Shared.Messaging;

/// <summary>
/// Wakes the outbox relay when a transaction that wrote outbox rows commits (rather than waiting for its poll), and
/// tells it which modules' outboxes have new rows: with small commands committing thousands of times a second, a
/// relay that looked at every module's outbox on each wake-up spent most of its work finding nothing.
/// </summary>
public sealed class OutboxSignal
{
    private readonly WakeSignal signal = new();
    private readonly ConcurrentDictionary<string, byte> modules = new(StringComparer.OrdinalIgnoreCase);
    private volatile bool everyModule;

    /// <summary>Some outbox has new rows (which one is not known): the relay looks at all of them.</summary>
    public void Notify()
    {
        everyModule = true;
        Wake();
    }

    /// <summary><paramref name="module"/>'s outbox has new rows.</summary>
    public void Notify(string module)
    {
        modules.TryAdd(module, 0);
        Wake();
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);

    /// <summary>
    /// The modules notified since the last call, or null for every module. Call it after <see cref="WaitAsync"/> and
    /// before relaying: a commit notified after this call wakes the relay again.
    /// </summary>
    public IReadOnlySet<string>? TakeNotified()
    {
        if (everyModule)
        {
            everyModule = false;
            modules.Clear();
            return null;
        }

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var module in modules.Keys)
        {
            if (modules.TryRemove(module, out _))
            {
                taken.Add(module);
            }
        }

        return taken;
    }

    private void Wake() => signal.Wake();
}
