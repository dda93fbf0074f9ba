using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace Nexus.Testing;

/// <summary>
/// A throwaway PostgreSQL server (the distribution's binaries, e.g. Debian's
/// /usr/lib/postgresql/15/bin) on 127.0.0.1 with trust authentication for user <c>nexus</c>,
/// tuned for speed over durability, in a temp folder deleted at the end. initdb takes seconds,
/// so most tests should use <see cref="SharedAsync"/> and a fresh database from
/// <see cref="CreateDatabaseAsync"/>.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string User = "nexus";
    private static readonly TimeSpan InitTimeout = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly Lock SharedLock = new();
    private static Task<PostgresServer>? _shared;

    private readonly string _binDirectory;
    private readonly ServerFootprint _footprint;
    private readonly bool _isShared;
    private NpgsqlDataSource? _admin;
    private bool _running;

    private PostgresServer(string binDirectory, string directory, bool isShared)
    {
        _binDirectory = binDirectory;
        _isShared = isShared;
        // If this process is SIGKILLed: stop the server (pg_ctl daemonizes it, so it outlives
        // us otherwise) and remove the folder.
        var watchdog = new Watchdog(
            ExternalProcess.IsRoot
                ? """
                  "$3" -u postgres -- "$1" -D "$2/data" -m immediate -w stop
                  rm -rf -- "$2"
                  """
                : """
                  "$1" -D "$2/data" -m immediate -w stop
                  rm -rf -- "$2"
                  """,
            Path.Combine(binDirectory, "pg_ctl"),
            directory,
            RunUser);
        _footprint = new ServerFootprint(directory, watchdog, QuitAtExit);
    }

    public int Port { get; private set; }

    /// <summary>An Npgsql connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Database = database,
            Username = User,
            IncludeErrorDetail = true,
        }.ConnectionString;

    /// <summary>Starts a private server (initdb + start, a few seconds); the caller disposes it.</summary>
    public static Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default) =>
        StartCoreAsync(isShared: false, cancellationToken);

    /// <summary>
    /// One server for the whole test process, started on first use and stopped when the process
    /// exits. Disposing or stopping it does nothing: other tests use it. Isolate tests with
    /// <see cref="CreateDatabaseAsync"/>.
    /// </summary>
    public static Task<PostgresServer> SharedAsync()
    {
        lock (SharedLock)
        {
            // A failed start is not cached: the next test tries again.
            if (_shared is null || _shared.IsFaulted || _shared.IsCanceled)
            {
                _shared = StartCoreAsync(isShared: true, CancellationToken.None);
            }

            return _shared;
        }
    }

    /// <summary>
    /// Creates an empty database (default name: unique <c>nexus_</c> + 32 hex digits) and
    /// returns its connection string. Databases are not dropped: they go with the server.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string? name = null, CancellationToken cancellationToken = default)
    {
        name ??= "nexus_" + Guid.NewGuid().ToString("N");
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, _; at most 63).", nameof(name));
        }

        var admin = _admin ?? throw new InvalidOperationException("The PostgreSQL server is not running.");
        await using var command = admin.CreateCommand($"CREATE DATABASE \"{name}\"");
        await command.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server (fast shutdown: open connections are cut). No-op for the shared one.</summary>
    public async Task StopAsync()
    {
        if (_isShared)
        {
            return;
        }

        await _footprint.Gate.WaitAsync();
        try
        {
            await StopServerAsync();
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

        await _footprint.DisposeOnceAsync(StopServerAsync);
    }

    private static async Task<PostgresServer> StartCoreAsync(bool isShared, CancellationToken cancellationToken)
    {
        var binDirectory = FindBinDirectory();
        var directory = await CreateDirectoryAsync(cancellationToken);
        var server = new PostgresServer(binDirectory, directory, isShared);
        try
        {
            await server.InitAsync(cancellationToken);
            for (var attempt = 1; !await server.TryStartAsync(FreePort.Next(), cancellationToken); attempt++)
            {
                // Another process took the port between FreePort and postgres binding it.
                if (attempt == 5)
                {
                    throw new InvalidOperationException($"PostgreSQL could not bind a port after {attempt} attempts.\n{server.ReadLog(0)}");
                }
            }

            return server;
        }
        catch
        {
            server.CleanUpFailedStart();
            throw;
        }
    }

    /// <summary>The newest /usr/lib/postgresql/N/bin, else initdb and pg_ctl on PATH.</summary>
    private static string FindBinDirectory()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.EnumerateDirectories(debianRoot)
                .Select(d => (Path: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => File.Exists(Path.Combine(d.Path, "initdb")) && File.Exists(Path.Combine(d.Path, "pg_ctl")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Path)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        // Other distributions and macOS put them on PATH (Debian puts only wrappers there).
        var initdb = ExternalProcess.Find("initdb");
        if (initdb is not null && File.Exists(Path.Combine(Path.GetDirectoryName(initdb)!, "pg_ctl")))
        {
            return Path.GetDirectoryName(initdb)!;
        }

        throw new InvalidOperationException($"PostgreSQL server binaries (initdb, pg_ctl) are not installed. {ExternalProcess.InstallHint}");
    }

    /// <summary>
    /// initdb and postgres refuse to run as root, so as root the folder belongs to user postgres
    /// and lives under /tmp: TMPDIR may be inside /root, which postgres cannot enter. The name is
    /// short because the socket path (folder + /.s.PGSQL.port) must fit in 107 bytes.
    /// </summary>
    private static async Task<string> CreateDirectoryAsync(CancellationToken cancellationToken)
    {
        var parent = ExternalProcess.IsRoot ? "/tmp" : Path.GetTempPath();
        var directory = Path.Combine(parent, "nexus-pg-" + Guid.NewGuid().ToString("N")[..12]);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (ExternalProcess.IsRoot)
        {
            try
            {
                await ExternalProcess.RunAsync(ExternalProcess.Find("chown") ?? "chown", ["postgres:postgres", directory], null, TimeSpan.FromSeconds(30), cancellationToken);
            }
            catch (InvalidOperationException e)
            {
                ExternalProcess.DeleteDirectory(directory);
                throw new InvalidOperationException(
                    $"Running as root, PostgreSQL must run as user postgres, which the postgresql package creates. {ExternalProcess.InstallHint}", e);
            }
        }

        return directory;
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        // --no-sync: the data is throwaway, and fsyncing it costs most of initdb's time.
        await RunToolAsync(
            "initdb",
            ["-D", DataDirectory, "-A", "trust", "-U", User, "-E", "UTF8", "--no-locale", "--no-sync"],
            InitTimeout,
            cancellationToken);
    }

    /// <summary>Starts postgres on <paramref name="port"/>; false if the port is in use.</summary>
    private async Task<bool> TryStartAsync(int port, CancellationToken cancellationToken)
    {
        Port = port;
        var logStart = LogLength();
        // Durability off (fsync, synchronous_commit, full_page_writes): the data dies with the
        // server. max_connections is raised because every database gets its own Npgsql pool and
        // parallel tests each with a database exhaust the default 100 (1000: two fixtures racing 100–200
        // concurrent checkouts or coupon redemptions each, over several modules' pools, exhausted 300). jit off: it only slows down
        // the small queries tests run. UTC so timestamps do not depend on the machine.
        var options = string.Join(
            ' ',
            $"-p {port.ToString(CultureInfo.InvariantCulture)}",
            $"-k {_footprint.Directory}",
            "-c listen_addresses=127.0.0.1",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=1000",
            "-c jit=off",
            "-c TimeZone=UTC");
        try
        {
            // -l matters beyond logging: without it the postmaster inherits pg_ctl's stdout and
            // our wait for pg_ctl's output to end would never finish.
            await RunToolAsync(
                "pg_ctl",
                ["-D", DataDirectory, "-o", options, "-l", LogPath, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture), "start"],
                StartTimeout + TimeSpan.FromSeconds(10),
                cancellationToken);
        }
        catch (InvalidOperationException) when (ReadLog(logStart).Contains("Address already in use", StringComparison.Ordinal))
        {
            return false;
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidOperationException($"{e.Message}\nServer log:\n{ReadLog(logStart)}", e);
        }

        _running = true;
        _admin = NpgsqlDataSource.Create(ConnectionStringFor("postgres"));
        return true;
    }

    private async Task StopServerAsync()
    {
        if (!_running)
        {
            return;
        }

        _running = false;
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
            _admin = null;
        }

        await RunToolAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], TimeSpan.FromSeconds(60), CancellationToken.None);
    }

    /// <summary>
    /// Exit hook. vstest kills the test host about 100 ms after ProcessExit starts: too soon for
    /// runuser + pg_ctl stop + deleting the folder. So this only sends SIGQUIT (immediate
    /// shutdown, which still removes postgres' shared memory, unlike SIGKILL) to the postmaster,
    /// and the still-armed watchdog finishes the job once this process is gone.
    /// </summary>
    private void QuitAtExit()
    {
        try
        {
            var pid = File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault();
            if (int.TryParse(pid, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                ExternalProcess.TryRun(ExternalProcess.Find("kill") ?? "kill", ["-QUIT", pid], TimeSpan.FromSeconds(2));
            }
        }
        catch (IOException)
        {
            // Not running.
        }
    }

    private void CleanUpFailedStart()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            var (file, arguments) = Command("pg_ctl", ["-D", DataDirectory, "-m", "immediate", "-w", "stop"]);
            ExternalProcess.TryRun(file, arguments, TimeSpan.FromSeconds(15));
        }

        _running = false;
        _footprint.Release();
    }

    private Task<string> RunToolAsync(string tool, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (file, allArguments) = Command(tool, arguments);
        return ExternalProcess.RunAsync(file, allArguments, _footprint.Directory, timeout, cancellationToken);
    }

    /// <summary>As root the tools run as user postgres through runuser.</summary>
    private (string File, IReadOnlyList<string> Arguments) Command(string tool, IReadOnlyList<string> arguments)
    {
        var path = Path.Combine(_binDirectory, tool);
        return ExternalProcess.IsRoot
            ? (RunUser, ["-u", "postgres", "--", path, .. arguments])
            : (path, arguments);
    }

    // In /usr/sbin, which a non-login shell's PATH may lack.
    private static string RunUser => ExternalProcess.Find("runuser") ?? "runuser";

    private string DataDirectory => Path.Combine(_footprint.Directory, "data");

    private string LogPath => Path.Combine(_footprint.Directory, "log");

    private long LogLength() => File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;

    private string ReadLog(long from)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (IOException)
        {
            return "";
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex DatabaseName();
}
