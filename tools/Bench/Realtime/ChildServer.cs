using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Nexus.Tools.Bench.Realtime;

/// <summary>
/// A server side (<see cref="NexusSide"/> or <see cref="ReferenceSide"/>) running as a child process of this program:
/// its own working set and CPU time can be read, and its stdout is drained all the time so the host never blocks on a
/// full pipe. Servers run with the server GC, as Nexus.Host does (a Web SDK project); this harness does not.
/// </summary>
internal sealed class ChildServer : IAsyncDisposable
{
    private readonly Process process;
    private readonly Channel<string> protocol = Channel.CreateUnbounded<string>();
    private readonly Queue<string> tail = new();

    private ChildServer(Process process) => this.process = process;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<Guid> Products { get; private set; } = [];

    public int ProcessId => process.Id;

    public static async Task<ChildServer> StartAsync(string mode, int port, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(typeof(ChildServer).Assembly.Location);
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        start.Environment["DOTNET_gcServer"] = "1";
        var child = new ChildServer(Process.Start(start) ?? throw new InvalidOperationException("could not start " + mode));
        child.process.OutputDataReceived += (_, e) => child.Take(e.Data, fromStdout: true);
        child.process.ErrorDataReceived += (_, e) => child.Take(e.Data, fromStdout: false);
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();

        var ready = await child.NextAsync(timeout, mode + " to start");
        var parts = ready.Split(' ');
        if (parts.Length != 3 || parts[0] != "ready")
        {
            throw new InvalidOperationException($"{mode} said '{ready}' instead of ready");
        }

        child.BaseUrl = new Uri(parts[1]);
        child.Products = parts[2].Split(',').Select(Guid.Parse).ToList();
        return child;
    }

    /// <summary>Asks for push <paramref name="seq"/> and answers the child's timestamp of its commit (or send).</summary>
    public async Task<long> PushAsync(int seq, TimeSpan timeout)
    {
        await process.StandardInput.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"push {seq}"));
        await process.StandardInput.FlushAsync();
        var answer = await NextAsync(timeout, string.Create(CultureInfo.InvariantCulture, $"push {seq}"));
        var parts = answer.Split(' ', 3);
        if (parts[0] != "pushed" || int.Parse(parts[1], CultureInfo.InvariantCulture) != seq)
        {
            throw new InvalidOperationException($"push {seq}: the server answered '{answer}'");
        }

        return long.Parse(parts[2], CultureInfo.InvariantCulture);
    }

    /// <summary>The child's resident set now (MiB), as the kernel counts it.</summary>
    public double WorkingSetMb()
    {
        process.Refresh();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }

    public TimeSpan CpuTime()
    {
        process.Refresh();
        return process.TotalProcessorTime;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await process.StandardInput.WriteLineAsync("quit");
            await process.StandardInput.FlushAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            process.Kill(entireProcessTree: true);
        }

        process.Dispose();
    }

    private async Task<string> NextAsync(TimeSpan timeout, string what)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await protocol.Reader.ReadAsync(cancel.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            string lastLines;
            lock (tail)
            {
                lastLines = string.Join(Environment.NewLine, tail);
            }

            throw new InvalidOperationException($"no answer from the server child for {what} within {timeout.TotalSeconds:F0} s (exited: {process.HasExited}); its last lines:{Environment.NewLine}{lastLines}", e);
        }
    }

    private void Take(string? line, bool fromStdout)
    {
        if (line is null)
        {
            if (fromStdout)
            {
                protocol.Writer.TryComplete();
            }

            return;
        }

        if (fromStdout && line.StartsWith(ChildProtocol.Prefix, StringComparison.Ordinal))
        {
            protocol.Writer.TryWrite(line[ChildProtocol.Prefix.Length..]);
            return;
        }

        lock (tail)
        {
            tail.Enqueue(line);
            if (tail.Count > 40)
            {
                tail.Dequeue();
            }
        }
    }
}
