using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Nexus.Testing;

/// <summary>
/// A throwaway redis-server on 127.0.0.1 with no persistence, in its own temp folder.
/// Use <see cref="StartAsync"/> for a private server a test may stop and restart, or
/// <see cref="SharedAsync"/> for one server per test process.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);
    private static readonly Lock SharedLock = new();
    private static Task<RedisServer>? _shared;

    private readonly string _executable;
    private readonly ServerFootprint _footprint;
    private readonly bool _isShared;
    private readonly bool _persistent;
    private Process? _process;
    private OutputTail _output = new(); // Of the current redis process only.

    private RedisServer(string executable, bool isShared, bool persistent)
    {
        _executable = executable;
        _isShared = isShared;
        _persistent = persistent;
        var directory = Directory.CreateTempSubdirectory("nexus-redis-").FullName;
        // If this process is SIGKILLed: kill the server (its pid file) and remove the folder.
        var watchdog = new Watchdog(
            """
            [ -f "$1/redis.pid" ] && kill -KILL "$(cat "$1/redis.pid")"
            rm -rf -- "$1"
            """,
            directory);
        _footprint = new ServerFootprint(directory, watchdog, KillAtExit);
    }

    public int Port { get; private set; }

    /// <summary>StackExchange.Redis configuration string.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    /// <summary>Starts a private server; the caller disposes it.</summary>
    public static Task<RedisServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartCoreAsync(isShared: false, persistent: false, cancellationToken);

    /// <summary>
    /// Starts a private server that persists every write to an append-only file (fsync always), so its data
    /// survives <see cref="RestartAsync"/> — as a production Redis carrying events must be configured.
    /// </summary>
    public static Task<RedisServer> StartPersistentAsync(CancellationToken cancellationToken = default) =>
        StartCoreAsync(isShared: false, persistent: true, cancellationToken);

    /// <summary>
    /// One server for the whole test process, started on first use and stopped when the process
    /// exits. Disposing it does nothing and it cannot be stopped or restarted, because other
    /// tests are using it; tests share it by using their own keys (or database numbers).
    /// </summary>
    public static Task<RedisServer> SharedAsync()
    {
        lock (SharedLock)
        {
            // A failed start is not cached: the next test tries again.
            if (_shared is null || _shared.IsFaulted || _shared.IsCanceled)
            {
                _shared = StartCoreAsync(isShared: true, persistent: false, CancellationToken.None);
            }

            return _shared;
        }
    }

    /// <summary>Shuts the server down (SHUTDOWN NOSAVE, then a kill if it does not go).</summary>
    public async Task StopAsync()
    {
        ThrowIfShared();
        await _footprint.Gate.WaitAsync();
        try
        {
            await StopProcessAsync();
        }
        finally
        {
            _footprint.Gate.Release();
        }
    }

    /// <summary>Stops the server and starts a new one on the same port. All data is lost unless the server is persistent.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfShared();
        await _footprint.Gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_footprint.IsDisposed, this);
            await StopProcessAsync();
            // The port can be taken in the gap (rarely); it usually frees up again quickly.
            var deadline = Stopwatch.StartNew();
            while (!await TryLaunchAsync(Port, cancellationToken))
            {
                if (deadline.Elapsed > StartTimeout)
                {
                    throw new InvalidOperationException($"redis-server could not bind port {Port} again after a restart.\n{_output}");
                }

                await Task.Delay(200, cancellationToken);
            }
        }
        finally
        {
            _footprint.Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_isShared)
        {
            return;
        }

        await _footprint.DisposeOnceAsync(StopProcessAsync);
    }

    private static async Task<RedisServer> StartCoreAsync(bool isShared, bool persistent, CancellationToken cancellationToken)
    {
        var executable = ExternalProcess.Find("redis-server")
            ?? throw new InvalidOperationException($"redis-server is not installed (not found on PATH). {ExternalProcess.InstallHint}");
        var server = new RedisServer(executable, isShared, persistent);
        try
        {
            // A port found free can be taken before redis binds it (parallel test processes).
            for (var attempt = 1; ; attempt++)
            {
                var port = FreePort.Next();
                if (await server.TryLaunchAsync(port, cancellationToken))
                {
                    return server;
                }

                if (attempt == 5)
                {
                    throw new InvalidOperationException($"redis-server could not bind a port after {attempt} attempts.\n{server._output}");
                }
            }
        }
        catch
        {
            server.CleanUpFailedStart();
            throw;
        }
    }

    /// <summary>Starts redis on <paramref name="port"/>; false if the port is in use.</summary>
    private async Task<bool> TryLaunchAsync(int port, CancellationToken cancellationToken)
    {
        Port = port;
        // Under setsid (its own session): a Ctrl+C in the terminal goes to the whole foreground
        // process group, and vstest ignores it while redis would quit under the running tests.
        // Not a group leader, setsid execs in place, so the pid stays redis' own (the readiness
        // check below relies on that).
        var setsid = ExternalProcess.Find("setsid");
        var process = new Process
        {
            StartInfo = ExternalProcess.StartInfo(
                setsid ?? _executable,
                [
                    .. setsid is null ? Array.Empty<string>() : [_executable],
                    "--port", port.ToString(CultureInfo.InvariantCulture),
                    "--bind", "127.0.0.1",
                    "--save", "",
                    "--appendonly", _persistent ? "yes" : "no",
                    "--appendfsync", "always",
                    "--daemonize", "no",
                    "--dir", _footprint.Directory,
                    "--pidfile", Path.Combine(_footprint.Directory, "redis.pid"),
                    // Logs to stdout, which we keep the tail of for error messages.
                    "--logfile", "",
                ],
                _footprint.Directory),
        };
        var output = _output = new OutputTail();
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < StartTimeout)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (process.HasExited)
            {
                await process.WaitForExitAsync(cancellationToken); // flushes the output tail
                var exitCode = process.ExitCode;
                _process = null;
                process.Dispose();
                if (output.Contains("Address already in use"))
                {
                    return false;
                }

                throw new InvalidOperationException($"redis-server exited with code {exitCode} while starting.\n{output}");
            }

            // INFO rather than PING: the process id proves the answer comes from our server, not
            // from another test process's redis that won the race for this port.
            var info = await SendAsync(port, "INFO server", cancellationToken);
            if (info is not null && info.Contains($"process_id:{process.Id}\r\n", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(25, cancellationToken);
        }

        throw new TimeoutException($"redis-server did not answer on port {port} within {StartTimeout.TotalSeconds:0}s.\n{output}");
    }

    private async Task StopProcessAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        try
        {
            if (!process.HasExited)
            {
                await SendAsync(Port, "SHUTDOWN NOSAVE", CancellationToken.None);
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    ExternalProcess.Kill(process);
                }
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>
    /// Exit hook. vstest kills the test host about 100 ms after ProcessExit starts, so this only
    /// kills redis (a syscall) and leaves removing the folder to the still-armed watchdog, which
    /// starts once this process is gone.
    /// </summary>
    private void KillAtExit()
    {
        if (_process is { } process)
        {
            try
            {
                process.Kill();
                File.Delete(Path.Combine(_footprint.Directory, "redis.pid")); // So the watchdog kills no stale pid.
            }
            catch (InvalidOperationException)
            {
                // Already exited.
            }
        }
    }

    private void CleanUpFailedStart()
    {
        if (_process is { } process)
        {
            ExternalProcess.Kill(process);
        }

        _footprint.Release();
    }

    /// <summary>
    /// Sends one command over raw RESP and returns the reply (a status line, or a bulk string's
    /// content), or null if redis is not reachable. Kept free of any Redis client library so the
    /// kit does not pin one.
    /// </summary>
    private static async Task<string?> SendAsync(int port, string command, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient(AddressFamily.InterNetwork) { NoDelay = true };
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            var stream = client.GetStream();
            var parts = command.Split(' ');
            var request = new StringBuilder().Append(CultureInfo.InvariantCulture, $"*{parts.Length}\r\n");
            foreach (var part in parts)
            {
                request.Append(CultureInfo.InvariantCulture, $"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), timeout.Token);
            var reply = new List<byte>();
            var buffer = new byte[4096];
            while (!IsComplete(reply, out _))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break; // SHUTDOWN closes the connection without a reply.
                }

                reply.AddRange(buffer.AsSpan(0, read));
            }

            return IsComplete(reply, out var value) ? value : null;
        }
        catch (Exception e) when (e is SocketException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    private static bool IsComplete(List<byte> reply, out string? value)
    {
        value = null;
        var bytes = reply.ToArray();
        var lineEnd = bytes.AsSpan().IndexOf("\r\n"u8);
        if (lineEnd < 0)
        {
            return false;
        }

        var firstLine = Encoding.UTF8.GetString(bytes, 0, lineEnd);
        if (!firstLine.StartsWith('$'))
        {
            value = firstLine;
            return true;
        }

        var length = int.Parse(firstLine.AsSpan(1), CultureInfo.InvariantCulture);
        if (length < 0)
        {
            return true; // Null bulk string.
        }

        if (bytes.Length < lineEnd + 2 + length)
        {
            return false;
        }

        value = Encoding.UTF8.GetString(bytes, lineEnd + 2, length);
        return true;
    }

    private void ThrowIfShared()
    {
        if (_isShared)
        {
            throw new InvalidOperationException(
                "The shared Redis server cannot be stopped or restarted: other tests use it. Use RedisServer.StartAsync() for a private one.");
        }
    }
}
