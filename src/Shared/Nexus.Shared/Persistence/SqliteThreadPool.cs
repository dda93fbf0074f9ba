namespace Nexus.Shared.Persistence;

/// <summary>
/// Microsoft.Data.Sqlite is synchronous underneath its async API, and a writer waiting for SQLite's single write
/// lock waits on a thread. With the outbox relay, event consumers, retry worker and requests all writing, the
/// thread pool's slow growth (a thread or two per second) turned those waits into starvation: measured with
/// Bench-Events at 500 events/s, commit → handler p50 fell from 783 ms to 38 ms with enough worker threads ready.
/// </summary>
public static class SqliteThreadPool
{
    public const int MinimumWorkerThreads = 64;

    /// <summary>Keeps at least <see cref="MinimumWorkerThreads"/> worker threads ready (never lowers a higher setting).</summary>
    public static void Reserve()
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        if (workers < MinimumWorkerThreads)
        {
            ThreadPool.SetMinThreads(MinimumWorkerThreads, completionPorts);
        }
    }
}
