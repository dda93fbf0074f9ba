namespace Nexus.Payments.StubProvider.Webhooks;

/// <summary>Wakes the dispatcher when an event was recorded, so webhooks go out at once rather than on the next tick.</summary>
internal sealed class DispatchSignal
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up covers all.
            }
        }
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
