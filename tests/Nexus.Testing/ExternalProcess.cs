using System.Diagnostics;
using System.Text;

namespace Nexus.Testing;

/// <summary>Finding and running the native tools the servers are made of.</summary>
internal static class ExternalProcess
{
    public const string InstallHint = "Run ./build.sh --target=Prerequisites to install the test prerequisites.";

    // Environment.UserName is the effective user on Unix (getpwuid(geteuid())).
    public static bool IsRoot => !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>PATH first, then the usual places: CI's non-login shells sometimes lack /usr/sbin.</summary>
    public static string? Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        var directories = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin"]);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Every stream is redirected: a child that inherited the test host's stdout would keep the
    /// test runner's pipe open after the host exits. LC_ALL=C keeps messages parseable.
    /// </summary>
    public static ProcessStartInfo StartInfo(string file, IEnumerable<string> arguments, string? workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // A working directory the postgres user can enter; initdb warns about root's home otherwise.
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        return start;
    }

    /// <summary>Runs to completion; throws with the command's output if it fails or times out.</summary>
    public static async Task<string> RunAsync(
        string file,
        IReadOnlyList<string> arguments,
        string? workingDirectory,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        using var process = new Process { StartInfo = StartInfo(file, arguments, workingDirectory) };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            // Also waits for EOF on both streams: a tool that leaves a daemon holding them would
            // hang here, which is why pg_ctl is always given -l.
            await process.WaitForExitAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{Describe(file, arguments)} did not finish within {timeout.TotalSeconds:0}s.\n{Text(output)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Describe(file, arguments)} exited with code {process.ExitCode}.\n{Text(output)}");
        }

        return Text(output);
    }

    /// <summary>For exit hooks: synchronous, bounded, never throws.</summary>
    public static void TryRun(string file, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        try
        {
            Task.Run(() => RunAsync(file, arguments, null, timeout, CancellationToken.None)).Wait(timeout + TimeSpan.FromSeconds(1));
        }
        catch (AggregateException)
        {
            // Best effort: the watchdog gets another go.
        }
    }

    public static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Not started or already exited.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited while being killed.
        }
    }

    public static void DeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (IOException)
            {
                // A server may still be removing its own files (socket, pid file) as it exits.
                Thread.Sleep(100);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static string Describe(string file, IEnumerable<string> arguments) =>
        "`" + string.Join(' ', arguments.Prepend(file).Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Length == 0 ? $"'{a}'" : a)) + "`";

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
