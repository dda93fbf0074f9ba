namespace Nexus.Shared.Background;

/// <summary>
/// Wakes a background worker that otherwise sleeps until its next poll: many <see cref="Wake"/> calls while it works
/// collapse into one wake-up, and a wake-up given while it is not waiting is kept for its next wait. The outbox relay
/// (<see cref="Messaging.OutboxSignal"/>) and the e-mail sender both use it, woken after a commit.
/// </summary>
public sealed class WakeSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Wake()
    {
        try
        {
            if (signal.CurrentCount == 0)
            {
                signal.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already signalled by a concurrent caller; one wake-up is enough.
        }
    }

    /// <summary>True when woken, false when <paramref name="timeout"/> passed first.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
