using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Nexus.Testing;

/// <summary>
/// Runs registered cleanups once when the test process ends. Dispose is the normal path; this is
/// the safety net for shared servers (never disposed by a test), for tests that forget, and for
/// runs that are aborted with Ctrl+C or a CI timeout's SIGTERM. A SIGKILL runs nothing in this
/// process, which is what <see cref="Watchdog"/> is for. Cleanups must be quick: vstest kills
/// the test host about 100 ms after ProcessExit starts, so slow work is left to the watchdogs.
/// </summary>
internal static class ExitHooks
{
    private static readonly ConcurrentDictionary<long, Action> Cleanups = new();

    // Disposing a registration unregisters the handler, so they must stay referenced.
    private static readonly List<PosixSignalRegistration> Signals = [];

    private static long _nextId;
    private static int _installed;

    public static long Register(Action cleanup)
    {
        Install();
        var id = Interlocked.Increment(ref _nextId);
        Cleanups[id] = cleanup;
        return id;
    }

    public static void Unregister(long id) => Cleanups.TryRemove(id, out _);

    private static void Install()
    {
        if (Interlocked.Exchange(ref _installed, 1) == 1)
        {
            return;
        }

        // Normal end of the test host, and SIGTERM (the runtime turns it into ProcessExit).
        AppDomain.CurrentDomain.ProcessExit += (_, _) => RunAll();
        // A crash skips ProcessExit.
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.IsTerminating)
            {
                RunAll();
            }
        };

        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            // Not cancelled, so the default action (terminate) still follows the cleanup.
            foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGQUIT, PosixSignal.SIGHUP })
            {
                Signals.Add(PosixSignalRegistration.Create(signal, _ => RunAll()));
            }
        }
    }

    private static void RunAll()
    {
        // Each cleanup is removed before it runs, so a second signal or ProcessExit after SIGINT
        // does not run it twice. They run in parallel: stopping PostgreSQL takes a moment and the
        // host may be killed if it lingers.
        var pending = new List<Task>();
        foreach (var id in Cleanups.Keys)
        {
            if (Cleanups.TryRemove(id, out var cleanup))
            {
                pending.Add(Task.Run(() =>
                {
                    try
                    {
                        cleanup();
                    }
                    catch (Exception e)
                    {
                        // Nobody is left to catch it; stderr ends up in the test log.
                        Console.Error.WriteLine($"Nexus.Testing: cleanup at exit failed: {e.Message}");
                    }
                }));
            }
        }

        Task.WaitAll([.. pending], TimeSpan.FromSeconds(20));
    }
}
