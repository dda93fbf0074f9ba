namespace Nexus.Testing;

/// <summary>
/// What a throwaway server leaves on the machine — its folder, the watchdog that cleans up after a killed
/// test host, its exit hook — and the lock that serialises its start, stop and dispose. Shared by
/// <see cref="RedisServer"/> and <see cref="PostgresServer"/> so both clean up the same way.
/// </summary>
internal sealed class ServerFootprint
{
    private readonly Watchdog watchdog;
    private readonly long exitHook;

    public ServerFootprint(string directory, Watchdog watchdog, Action killAtExit)
    {
        Directory = directory;
        this.watchdog = watchdog;
        exitHook = ExitHooks.Register(killAtExit);
    }

    public string Directory { get; }

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public bool IsDisposed { get; private set; }

    /// <summary>Removes the folder and stands the watchdog and exit hook down: the server is gone for good.</summary>
    public void Release()
    {
        ExternalProcess.DeleteDirectory(Directory);
        watchdog.Disarm();
        ExitHooks.Unregister(exitHook);
    }

    /// <summary>Stops the server and releases its footprint, once, however often it is called.</summary>
    public async ValueTask DisposeOnceAsync(Func<Task> stop)
    {
        await Gate.WaitAsync();
        try
        {
            if (IsDisposed)
            {
                return;
            }

            IsDisposed = true;
            await stop();
            Release();
        }
        finally
        {
            Gate.Release();
        }
    }
}
