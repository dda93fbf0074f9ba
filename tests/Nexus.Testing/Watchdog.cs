using System.Diagnostics;

namespace Nexus.Testing;

/// <summary>
/// Backstop for a test host that dies without cleaning up: SIGKILL (vstest's hang/abort handling,
/// the OOM killer), and vstest's own kill about 100 ms after ProcessExit starts, too soon for
/// slow cleanups. A tiny shell blocks reading a pipe whose write end only this process holds; the
/// kernel closes it when we die, however we die, and the shell then runs the cleanup script.
/// <see cref="Disarm"/> (after a normal dispose) makes it exit without doing anything.
/// </summary>
internal sealed class Watchdog : IDisposable
{
    private readonly Process? _shell;
    private int _disarmed;

    /// <param name="cleanupScript">POSIX sh; gets <paramref name="arguments"/> as $1, $2, ...
    /// Must be idempotent and quiet about things already gone.</param>
    public Watchdog(string cleanupScript, params string[] arguments)
    {
        // setsid --fork: a new session, so a Ctrl+C or a kill of the test's process group does not
        // take the watchdog down too, and forked, so it is no child of ours and a kill of our
        // process tree misses it. Output goes nowhere so it never holds a pipe of the test runner
        // open (which would make `dotnet test` wait for it).
        const string prologue = """
            exec >/dev/null 2>&1
            trap '' HUP INT QUIT
            IFS= read -r line
            [ "$line" = disarm ] && exit 0

            """;
        var setsid = ExternalProcess.Find("setsid");
        var start = new ProcessStartInfo(setsid ?? "/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (setsid is not null)
        {
            start.ArgumentList.Add("--fork");
            start.ArgumentList.Add("/bin/sh");
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(prologue + cleanupScript);
        start.ArgumentList.Add("nexus-testing-watchdog");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _shell = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No /bin/sh (Windows): the exit hooks still cover everything but SIGKILL.
            _shell = null;
        }
    }

    public void Disarm()
    {
        if (Interlocked.Exchange(ref _disarmed, 1) == 1 || _shell is null)
        {
            return;
        }

        try
        {
            _shell.StandardInput.WriteLine("disarm");
            _shell.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        _shell.Dispose();
    }

    public void Dispose() => Disarm();
}
