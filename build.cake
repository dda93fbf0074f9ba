// Nexus build script. Entry points: `./build.sh [--target=<Target>] [--configuration=<Config>]`
// (restores the local Cake tool first) or `dotnet cake build.cake ...`; CI runs `bash .ci/run`.
// `dotnet cake build.cake --description` lists the targets, `--tree` their dependencies.
//
// Targets
//   Prerequisites      tools/prerequisites.sh: apt-installs redis-server, postgresql, chromium if missing
//   Restore            dotnet restore Nexus.sln
//   Build              dotnet build Nexus.sln -c <configuration> -warnaserror
//   Test-Unit | Test-Architecture | Test-Integration | Test-EndToEnd   one test project each
//   Test (default)     Prerequisites + Build, then all four test projects; fails if any test fails
//   Test-Container     the container image built (debootstrap base, podman) and run for real: health, static files, sign-in,
//                      cart, SIGTERM, restart on the same volume (deploy/container/test-container.sh; needs root; not in Test)
//   Test-Nginx         real nginx with deploy/nginx/nexus.conf in front of two hosts on PostgreSQL: TLS, HTTP/2, HSTS, gzip,
//                      caching, forwarded headers, sessions across instances, 429, failover (deploy/nginx/test-nginx.sh; not in Test)
//   Run                dotnet run the host (src/Host/Nexus.Host); --urls=<urls> is passed through
//   Bench              every Bench-* target
//   Bench-Startup      Nexus.Host vs tools/Bench/StartupReference: process start -> first 200 on GET /
//   Bench-Events       integration events through Redis on SQLite: the highest rate with p99 (commit -> handler done)
//                      <= 100 ms, commands of 1-3 events, vs raw Redis Streams XADD/XREADGROUP/XACK (about 4-5 min)
//   Bench-Catalog      the storefront listing (5,000 products, SQLite) vs a bare page rendering the same items from memory; search
//   Bench-SubApp       Chromium: click on the Licensing tab -> sub-app ready, vs the sub-app page opened directly (30 loads)
//   Bench-CatalogImport 50,000 CSV rows through the catalog import (upload, Hangfire job, both passes) on SQLite and PostgreSQL
//   Bench-Checkout     concurrent guests (closed loop) buy over HTTP on SQLite: add to cart, check out, pay with the success
//                      card, until the webhook is delivered; checked in the database; vs bare order-row inserts (about 2 min)
//   Bench-Realtime     N SignalR connections (default 10,000) held on /hubs/shop: committed stock change -> stock.changed on
//                      every connection, vs the same pushes through a bare empty hub; ulimit -n raised (about 5 min)
//
// Lines other tools read (printed once, alone on their line, after the task-duration table at the
// end of the output; only Cake's error report follows them when the build fails):
//   Tests: N passed, N failed, N skipped          (test targets; totals parsed from the trx files)
//   BENCH startup median_ms=... reference_median_ms=... ratio=... runs=5   (Bench-Startup)
//   BENCH events transport=redis events_per_s=<max sustained> p50_ms=... p99_ms=... cpu_us_per_event=... raw_per_s=... ratio=... lost=0 duplicated=0   (Bench-Events)
//   BENCH subapp ready_p50_ms=... ready_p95_ms=... direct_p95_ms=... ratio=... runs=30   (Bench-SubApp)
//   BENCH checkout orders_per_s=... p99_ms=... oversold=0 duplicates=0 errors=0 reference_orders_per_s=... p50_ms=... cpu_us_per_order=... reference_cpu_us=... shoppers=...   (Bench-Checkout)
//   BENCH orders list_p95_ms=... filter_p95_ms=... search_p95_ms=... detail_p95_ms=... reference_p95_ms=... orders=...   (Bench-Orders)
//   BENCH realtime connections=... p50_ms=... p99_ms=... reference_p50_ms=... reference_p99_ms=... ratio=... lost=... memory_mb=...   (Bench-Realtime)
//   CONTAINER base_image_s=... image_build_s=... ready_s=... ready_again_s=... stop_s=...   (Test-Container)
//   PROXY instances=2 http_version=2 hsts=1 gzip=1 ... failed_after_stop=0   (Test-Nginx)
//   BENCH catalog nexus_rps=... bare_rps=... ratio=... p99_ms=... search_rps=... search_p99_ms=... nexus_cpu_us=... bare_cpu_us=... cpu_ratio=... search_cpu_us=...   (Bench-Catalog; *_cpu_us: the host's CPU time per request)

#nullable enable

using System.Net.Http;
using System.Xml.Linq;

//////////////////////////////////////////////////////////////////////
// ARGUMENTS AND PATHS
//////////////////////////////////////////////////////////////////////

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
// Per-test hang guard (VSTest --blame-hang-timeout) so a stuck browser or server cannot eat the
// whole CI budget. "0" or "none" turns it off.
var testHangTimeout = Argument("test-hang-timeout", "15m");
var urls = Argument("urls", string.Empty);                      // Run: passed to the host as --urls
var benchRuns = Argument("bench-runs", 5);                       // Bench-*: measured runs per app
var benchTimeoutSeconds = Argument("bench-timeout", 120);        // Bench-*: max seconds for one start
var benchEventsWarmUp = Argument("bench-events-warmup", 60);    // Bench-Events: warm-up seconds (JIT tiering) before measuring
var benchEventsStep = Argument("bench-events-step", 15);         // Bench-Events: seconds per offered rate in the search
var benchEventsSteps = Argument("bench-events-steps", 8);        // Bench-Events: at most this many rates tried
var benchEventsFirstRate = Argument("bench-events-first-rate", 4000); // Bench-Events: first offered rate (events/s), also the warm-up's

var root = Context.Environment.WorkingDirectory;                 // the folder of this script
var solution = root.CombineWithFilePath("Nexus.sln");
var hostProject = root.CombineWithFilePath("src/Host/Nexus.Host/Nexus.Host.csproj");
var startupReferenceProject = root.CombineWithFilePath("tools/Bench/StartupReference/StartupReference.csproj");
var eventsBenchProject = root.CombineWithFilePath("tools/Bench/Events/Events.csproj");
var catalogBenchProject = root.CombineWithFilePath("tools/Bench/Catalog/Catalog.csproj");
var benchCatalogWarmUp = Argument("bench-catalog-warmup", 60);  // Bench-Catalog: warm-up seconds (JIT tiering) before measuring
var checkoutBenchProject = root.CombineWithFilePath("tools/Bench/Checkout/Checkout.csproj");
var ordersBenchProject = root.CombineWithFilePath("tools/Bench/Orders/Orders.csproj");
var benchCheckoutWarmUp = Argument("bench-checkout-warmup", 60);    // Bench-Checkout: warm-up seconds (JIT tiering) before measuring
var benchCheckoutSeconds = Argument("bench-checkout-seconds", 30);  // Bench-Checkout: measured seconds
var benchCheckoutShoppers = Argument("bench-checkout-shoppers", 32); // Bench-Checkout: concurrent shoppers (closed loop)
var benchOrdersWarmUp = Argument("bench-orders-warmup", 60);        // Bench-Orders: warm-up seconds (JIT tiering) before measuring
var benchOrdersSamples = Argument("bench-orders-samples", 200);     // Bench-Orders: measured requests per kind
var benchOrdersCount = Argument("bench-orders-count", 100000);      // Bench-Orders: orders seeded
var realtimeBenchProject = root.CombineWithFilePath("tools/Bench/Realtime/Realtime.csproj");
var benchRealtimeConnections = Argument("bench-realtime-connections", 10000); // Bench-Realtime: connections held per server
var benchRealtimeWarmUp = Argument("bench-realtime-warmup", 60);   // Bench-Realtime: warm-up seconds (JIT tiering) per server
var benchRealtimePushes = Argument("bench-realtime-pushes", 100);  // Bench-Realtime: measured pushes per server
var artifacts = root.Combine("artifacts");
var testResults = artifacts.Combine("test-results");
var benchmarksDoc = root.CombineWithFilePath("docs/benchmarks.md");

// Test target name -> project name (tests/<name>/<name>.csproj).
var testProjects = new (string Target, string Project, bool NeedsPrerequisites)[]
{
    ("Test-Unit", "Nexus.UnitTests", false),
    ("Test-Architecture", "Nexus.ArchitectureTests", false),
    ("Test-Integration", "Nexus.IntegrationTests", true),
    ("Test-EndToEnd", "Nexus.EndToEndTests", true),
};

// Never prompt, no banners, no telemetry; inherited by every process this script starts.
System.Environment.SetEnvironmentVariable("DOTNET_CLI_TELEMETRY_OPTOUT", "1");
System.Environment.SetEnvironmentVariable("DOTNET_NOLOGO", "1");
System.Environment.SetEnvironmentVariable("DOTNET_SKIP_FIRST_TIME_EXPERIENCE", "1");
System.Environment.SetEnvironmentVariable("DOTNET_GENERATE_ASPNET_CERTIFICATE", "false");
System.Environment.SetEnvironmentVariable("NUGET_XMLDOC_MODE", "skip");

// Lines printed once at the very end (after the duration table), so they close the output.
var finalLines = new List<string>();
var taskDurations = new List<(string Name, TimeSpan Duration, string State)>();

//////////////////////////////////////////////////////////////////////
// HELPERS
//////////////////////////////////////////////////////////////////////

int RunDotnet(ProcessArgumentBuilder args)
{
    Information("> dotnet {0}", args.Render());
    return StartProcess("dotnet", new ProcessSettings { Arguments = args, WorkingDirectory = root });
}

void Dotnet(ProcessArgumentBuilder args)
{
    var exitCode = RunDotnet(args);
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, $"'dotnet {args.Render()}' failed with exit code {exitCode}.");
    }
}

void RequireFile(FilePath file, string what)
{
    if (!FileExists(file))
    {
        throw new CakeException($"{what} not found: {root.GetRelativePath(file)}");
    }
}

string FirstLineOf(string fileName, string arguments)
{
    try
    {
        var exitCode = StartProcess(fileName,
            new ProcessSettings { Arguments = arguments, WorkingDirectory = root, RedirectStandardOutput = true, Silent = true },
            out IEnumerable<string> output);
        var line = output.FirstOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim();
        return exitCode == 0 && line is not null ? line : "unknown";
    }
    catch (Exception)
    {
        return "unknown";
    }
}

// ---------------------------------------------------------------- tests

sealed class TestProjectResult
{
    public string Project { get; init; } = "";
    public int ExitCode { get; set; }
    public bool HasTrx { get; set; }
    public int Passed { get; set; }
    public int Failed { get; set; }
    public int Skipped { get; set; }
    public string Problem { get; set; } = "";
    public List<string> FailedTests { get; } = new();
    public bool Ok => ExitCode == 0 && HasTrx && Failed == 0 && Problem.Length == 0;
}

// Counts the top-level UnitTestResult elements of a VSTest trx file by outcome and collects the
// names of the failed ones.
(int Passed, int Failed, int Skipped) ParseTrx(FilePath trx, List<string> failedTests)
{
    XNamespace ns = "http://microsoft.com/schemas/VisualStudio/TeamTest/2010";
    var doc = XDocument.Load(trx.FullPath);
    var results = doc.Root?.Element(ns + "Results")?.Elements(ns + "UnitTestResult") ?? Enumerable.Empty<XElement>();
    int passed = 0, failed = 0, skipped = 0;
    foreach (var result in results)
    {
        switch ((string?)result.Attribute("outcome") ?? "")
        {
            case "Passed":
            case "PassedButRunAborted":
                passed++;
                break;
            case "Failed":
            case "Error":
            case "Timeout":
            case "Aborted":
                failed++;
                failedTests.Add((string?)result.Attribute("testName") ?? "?");
                break;
            default: // NotExecuted (ignored/skipped), Inconclusive, NotRunnable, ...
                skipped++;
                break;
        }
    }
    return (passed, failed, skipped);
}

TestProjectResult RunTestProject(string project)
{
    var result = new TestProjectResult { Project = project };
    var csproj = root.CombineWithFilePath($"tests/{project}/{project}.csproj");
    if (!FileExists(csproj))
    {
        result.ExitCode = 1;
        result.Problem = $"project not found: {root.GetRelativePath(csproj)}";
        Error("{0}: {1}", project, result.Problem);
        return result;
    }

    EnsureDirectoryExists(testResults);
    var trx = testResults.CombineWithFilePath($"{project}.trx");
    if (FileExists(trx))
    {
        DeleteFile(trx);
    }

    var args = new ProcessArgumentBuilder()
        .Append("test")
        .AppendQuoted(csproj.FullPath)
        .Append("--no-build")
        .Append("-c").Append(configuration)
        .Append("--results-directory").AppendQuoted(testResults.FullPath)
        .Append("--logger").AppendQuoted($"trx;LogFileName={project}.trx")
        .Append("--logger").AppendQuoted("console;verbosity=normal");
    if (testHangTimeout != "0" && !testHangTimeout.Equals("none", StringComparison.OrdinalIgnoreCase))
    {
        args.Append("--blame-hang-timeout").Append(testHangTimeout)
            .Append("--blame-hang-dump-type").Append("none");
    }

    result.ExitCode = RunDotnet(args);
    // The blame collector leaves an empty GUID folder per run.
    foreach (var dir in System.IO.Directory.GetDirectories(testResults.FullPath))
    {
        if (!System.IO.Directory.EnumerateFileSystemEntries(dir).Any())
        {
            System.IO.Directory.Delete(dir);
        }
    }
    if (FileExists(trx))
    {
        result.HasTrx = true;
        try
        {
            var (passed, failed, skipped) = ParseTrx(trx, result.FailedTests);
            result.Passed = passed;
            result.Failed = failed;
            result.Skipped = skipped;
        }
        catch (Exception e)
        {
            result.Problem = $"could not read {root.GetRelativePath(trx)}: {e.Message}";
        }
    }
    else
    {
        result.Problem = $"no trx file written ({root.GetRelativePath(trx)}); the test run did not complete";
    }

    if (result.ExitCode != 0 && result.Failed == 0 && result.Problem.Length == 0)
    {
        result.Problem = $"dotnet test exited with {result.ExitCode} (test host crash, hang or no tests discovered?)";
    }
    if (result.ExitCode == 0 && result.HasTrx && result.Passed + result.Failed + result.Skipped == 0)
    {
        Warning("{0}: ran no test.", project);
    }
    return result;
}

void ReportTests(IReadOnlyList<TestProjectResult> results)
{
    Information("");
    Information("Test results ({0}):", root.GetRelativePath(testResults));
    foreach (var r in results)
    {
        Information("  {0,-28} {1,5} passed {2,5} failed {3,5} skipped   exit {4}{5}",
            r.Project, r.Passed, r.Failed, r.Skipped, r.ExitCode, r.Problem.Length > 0 ? "   " + r.Problem : "");
    }
    foreach (var r in results.Where(r => r.FailedTests.Count > 0))
    {
        Error("Failed in {0}:", r.Project);
        foreach (var name in r.FailedTests.Take(50))
        {
            Error("  {0}", name);
        }
        if (r.FailedTests.Count > 50)
        {
            Error("  ... and {0} more (see {1}.trx)", r.FailedTests.Count - 50, r.Project);
        }
    }

    finalLines.Add($"Tests: {results.Sum(r => r.Passed)} passed, {results.Sum(r => r.Failed)} failed, {results.Sum(r => r.Skipped)} skipped");

    var bad = results.Where(r => !r.Ok).Select(r => r.Project).ToList();
    if (bad.Count > 0)
    {
        throw new CakeException(1, $"Tests failed in: {string.Join(", ", bad)}.");
    }
}

// ---------------------------------------------------------------- benchmarks

FilePath TargetPathOf(FilePath project, string config)
{
    var exitCode = StartProcess("dotnet",
        new ProcessSettings
        {
            Arguments = new ProcessArgumentBuilder().Append("msbuild").AppendQuoted(project.FullPath)
                .Append("-nologo").Append("-getProperty:TargetPath").Append($"-p:Configuration={config}"),
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            Silent = true,
        },
        out IEnumerable<string> output);
    var path = output.Select(l => l.Trim()).LastOrDefault(l => l.EndsWith(".dll", StringComparison.Ordinal));
    if (exitCode != 0 || path is null || !System.IO.File.Exists(path))
    {
        throw new CakeException($"could not find the built assembly of {root.GetRelativePath(project)} (TargetPath: '{path}').");
    }
    return new FilePath(path);
}

int FreeLoopbackPort()
{
    var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    listener.Start();
    var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    listener.Stop();
    return port;
}

// One client for all polling: no proxy (HTTP_PROXY must not see loopback traffic), no redirects
// (only a real 200 counts), short connect timeout.
var benchHttp = new HttpClient(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    ConnectTimeout = TimeSpan.FromSeconds(2),
    PooledConnectionLifetime = TimeSpan.FromSeconds(1),
})
{
    Timeout = TimeSpan.FromSeconds(10),
};

// Status code of GET url, or null when nothing answers yet.
int? TryGet(string url)
{
    try
    {
        using var response = benchHttp.GetAsync(url, HttpCompletionOption.ResponseHeadersRead).GetAwaiter().GetResult();
        return (int)response.StatusCode;
    }
    catch (HttpRequestException)
    {
        return null;
    }
    catch (TaskCanceledException)
    {
        return null;
    }
}

// Starts `dotnet <dll> --urls http://127.0.0.1:<port>` and returns the milliseconds from just
// before Process.Start to the first 200 answer to GET /. Kills the process tree afterwards.
double MeasureStartup(string label, FilePath dll, int run, bool isNexus, DirectoryPath logDir)
{
    var port = FreeLoopbackPort();
    var baseUrl = $"http://127.0.0.1:{port}";
    string? dataPath = null;

    var psi = new System.Diagnostics.ProcessStartInfo("dotnet")
    {
        // Content root = the build output, where appsettings*.json are.
        WorkingDirectory = dll.GetDirectory().FullPath,
        UseShellExecute = false,
        RedirectStandardOutput = true,
        RedirectStandardError = true,
    };
    psi.ArgumentList.Add(dll.FullPath);
    psi.ArgumentList.Add("--urls");
    psi.ArgumentList.Add(baseUrl);
    // Same environment for both apps, whatever the caller's shell has.
    psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    psi.Environment["DOTNET_ENVIRONMENT"] = "Production";
    psi.Environment.Remove("ASPNETCORE_URLS");
    if (isNexus)
    {
        dataPath = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nexus-bench-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dataPath);
        psi.Environment["Nexus__DataPath"] = dataPath;
        // Required outside Development (links and host filtering follow it).
        psi.Environment["Nexus__PublicUrl"] = baseUrl;
        // Required outside Development too: the data-protection keys are encrypted at rest with it (a fresh one per run).
        psi.Environment["DataProtection__KeyEncryption__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        // Required outside Development as well: the payment provider account's secrets (the in-host NexusPay stub shares them).
        psi.Environment["Modules__Payments__Provider__ApiKey"] = "sk_test_bench_" + Guid.NewGuid().ToString("N");
        psi.Environment["Modules__Payments__Provider__WebhookSigningSecret"] = "whsec_bench_" + Guid.NewGuid().ToString("N");
    }

    var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
    var stopwatch = System.Diagnostics.Stopwatch.StartNew();
    using var process = System.Diagnostics.Process.Start(psi)
        ?? throw new CakeException($"could not start dotnet {dll.FullPath}");
    process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue(e.Data); };
    process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue("[stderr] " + e.Data); };
    process.BeginOutputReadLine();
    process.BeginErrorReadLine();

    var logFile = logDir.CombineWithFilePath($"{label}-{run}.log");
    try
    {
        int? lastStatus = null;
        while (true)
        {
            lastStatus = TryGet(baseUrl + "/");
            if (lastStatus == 200)
            {
                var elapsed = stopwatch.Elapsed.TotalMilliseconds;
                Information("  {0,-9} run {1}: {2,7:F0} ms", label, run, elapsed);
                return elapsed;
            }
            if (process.HasExited)
            {
                throw new CakeException($"{label} exited with code {process.ExitCode} before answering GET / with 200 (log: {root.GetRelativePath(logFile)}).");
            }
            if (stopwatch.Elapsed > TimeSpan.FromSeconds(benchTimeoutSeconds))
            {
                throw new CakeException($"{label} did not answer GET / with 200 within {benchTimeoutSeconds} s (last status: {lastStatus?.ToString() ?? "no answer"}; log: {root.GetRelativePath(logFile)}).");
            }
            System.Threading.Thread.Sleep(10);
        }
    }
    finally
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.WaitForExit(15_000);
        }
        catch (Exception e)
        {
            Warning("could not stop {0} (pid {1}): {2}", label, process.Id, e.Message);
        }
        System.IO.File.WriteAllLines(logFile.FullPath, log);
        if (dataPath is not null)
        {
            try { System.IO.Directory.Delete(dataPath, recursive: true); }
            catch (Exception e) { Warning("could not delete {0}: {1}", dataPath, e.Message); }
        }
    }
}

double Median(IReadOnlyList<double> values)
{
    var sorted = values.OrderBy(v => v).ToArray();
    var mid = sorted.Length / 2;
    return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

string Invariant(FormattableString s) => FormattableString.Invariant(s);

string MachineFacts()
{
    var memory = "unknown";
    try
    {
        var line = System.IO.File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kb = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        memory = Invariant($"{kb / 1024.0 / 1024.0:F1} GiB");
    }
    catch (Exception)
    {
        // not Linux: leave unknown
    }
    return $"`{FirstLineOf("uname", "-m")}`, nproc {FirstLineOf("nproc", "")}, memory {memory}, dotnet {FirstLineOf("dotnet", "--version")}";
}

// Appends one dated entry under "## Results" (at the end) of docs/benchmarks.md.
void AppendBenchmarkResult(string name, IEnumerable<string> details, string benchLine)
{
    if (!FileExists(benchmarksDoc))
    {
        System.IO.File.WriteAllText(benchmarksDoc.FullPath, "# Benchmarks\n\n## Results\n");
    }
    var existing = System.IO.File.ReadAllText(benchmarksDoc.FullPath);
    var commit = FirstLineOf("git", "rev-parse --short HEAD");
    var entry = new System.Text.StringBuilder();
    if (!existing.EndsWith("\n", StringComparison.Ordinal))
    {
        entry.Append('\n');
    }
    entry.Append('\n');
    entry.Append(Invariant($"### {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC · {name}\n\n"));
    entry.Append($"- machine: {MachineFacts()}\n");
    entry.Append($"- commit: `{commit}`\n");
    foreach (var d in details)
    {
        entry.Append($"- {d}\n");
    }
    entry.Append($"- `{benchLine}`\n");
    System.IO.File.AppendAllText(benchmarksDoc.FullPath, entry.ToString());
    Information("Appended the result to {0}", root.GetRelativePath(benchmarksDoc));
}

//////////////////////////////////////////////////////////////////////
// SETUP / TEARDOWN
//////////////////////////////////////////////////////////////////////

Setup(ctx =>
{
    Information("Nexus build: target={0} configuration={1} root={2}", target, configuration, root.FullPath);
});

TaskTeardown(ctx =>
{
    taskDurations.Add((ctx.Task.Name, ctx.Duration, ctx.Skipped ? "skipped" : ctx.Successful ? "ok" : "FAILED"));
});

Teardown(ctx =>
{
    benchHttp.Dispose();
    Information("");
    Information("Task durations:");
    foreach (var (name, duration, state) in taskDurations)
    {
        Information("  {0,-20} {1,10:hh\\:mm\\:ss\\.f}  {2}", name, duration, state);
    }
    Information("  {0,-20} {1,10:hh\\:mm\\:ss\\.f}", "Total", TimeSpan.FromTicks(taskDurations.Sum(t => t.Duration.Ticks)));
    // Plain Console so nothing (colours, prefixes) gets in the way of tools reading these lines.
    foreach (var line in finalLines)
    {
        Console.WriteLine(line);
    }
});

//////////////////////////////////////////////////////////////////////
// TASKS
//////////////////////////////////////////////////////////////////////

Task("Prerequisites")
    .Description("Installs redis-server, PostgreSQL and Chromium with apt-get when missing (tools/prerequisites.sh).")
    .Does(() =>
{
    var exitCode = StartProcess("bash", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(root.CombineWithFilePath("tools/prerequisites.sh").FullPath),
        WorkingDirectory = root,
    });
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, "tools/prerequisites.sh failed (see its message above).");
    }
});

Task("Restore")
    .Description("dotnet restore Nexus.sln.")
    .Does(() =>
{
    RequireFile(solution, "Solution");
    Dotnet(new ProcessArgumentBuilder().Append("restore").AppendQuoted(solution.FullPath));
});

Task("Build")
    .Description("dotnet build Nexus.sln -c <configuration> -warnaserror (after Restore).")
    .IsDependentOn("Restore")
    .Does(() =>
{
    Dotnet(new ProcessArgumentBuilder()
        .Append("build").AppendQuoted(solution.FullPath)
        .Append("-c").Append(configuration)
        .Append("--no-restore")
        .Append("-warnaserror"));
});

foreach (var (taskName, project, needsPrerequisites) in testProjects)
{
    var task = Task(taskName)
        .Description($"Runs tests/{project} (after Build{(needsPrerequisites ? " and Prerequisites" : "")}); trx in artifacts/test-results.");
    if (needsPrerequisites)
    {
        task.IsDependentOn("Prerequisites");
    }
    task.IsDependentOn("Build")
        .Does(() => ReportTests(new[] { RunTestProject(project) }));
}

Task("Test")
    .Description("Default. Prerequisites + Build, then all four test projects; prints 'Tests: N passed, N failed, N skipped'.")
    .IsDependentOn("Prerequisites")
    .IsDependentOn("Build")
    .Does(() =>
{
    // Run every project even when an earlier one fails, then report and fail once.
    var results = testProjects.Select(t => RunTestProject(t.Project)).ToList();
    ReportTests(results);
});

Task("Run")
    .Description("dotnet run the host (src/Host/Nexus.Host, -c <configuration>); --urls=<urls> is passed to it.")
    .Does(() =>
{
    RequireFile(hostProject, "Host project");
    var args = new ProcessArgumentBuilder()
        .Append("run").Append("--project").AppendQuoted(hostProject.FullPath)
        .Append("-c").Append(configuration);
    if (!string.IsNullOrWhiteSpace(urls))
    {
        args.Append("--").Append("--urls").AppendQuoted(urls);
    }
    Dotnet(args);
});

Task("Bench-Startup")
    .Description("Startup time of Nexus.Host vs tools/Bench/StartupReference (start -> first 200 on GET /), appended to docs/benchmarks.md.")
    .Does(() =>
{
    RequireFile(hostProject, "Host project");
    RequireFile(startupReferenceProject, "Startup reference project");
    const string benchConfiguration = "Release";
    Dotnet(new ProcessArgumentBuilder().Append("build").AppendQuoted(hostProject.FullPath).Append("-c").Append(benchConfiguration));
    Dotnet(new ProcessArgumentBuilder().Append("build").AppendQuoted(startupReferenceProject.FullPath).Append("-c").Append(benchConfiguration));
    var nexusDll = TargetPathOf(hostProject, benchConfiguration);
    var referenceDll = TargetPathOf(startupReferenceProject, benchConfiguration);

    var logDir = artifacts.Combine("bench/startup");
    EnsureDirectoryExists(logDir);
    CleanDirectory(logDir);

    TryGet($"http://127.0.0.1:{FreeLoopbackPort()}/"); // JIT the polling path before the first measurement

    Information("Measuring {0} runs each, alternating (logs: {1}):", benchRuns, root.GetRelativePath(logDir));
    var nexus = new List<double>();
    var reference = new List<double>();
    for (var run = 1; run <= benchRuns; run++)
    {
        nexus.Add(MeasureStartup("nexus", nexusDll, run, isNexus: true, logDir));
        reference.Add(MeasureStartup("reference", referenceDll, run, isNexus: false, logDir));
    }

    var nexusMedian = Median(nexus);
    var referenceMedian = Median(reference);
    var benchLine = Invariant($"BENCH startup median_ms={nexusMedian:F0} reference_median_ms={referenceMedian:F0} ratio={nexusMedian / referenceMedian:F2} runs={benchRuns}");
    AppendBenchmarkResult("startup", new[]
    {
        "runs (ms): Nexus " + string.Join(", ", nexus.Select(v => Invariant($"{v:F0}")))
            + " · reference " + string.Join(", ", reference.Select(v => Invariant($"{v:F0}"))),
    }, benchLine);
    finalLines.Add(benchLine);
});

Task("Bench-Events")
    .Description("Highest sustained rate of integration events through Redis on SQLite with p99 (commit -> handler done) <= 100 ms vs raw Redis Streams, appended to docs/benchmarks.md.")
    .Does(() =>
{
    RequireFile(eventsBenchProject, "Events benchmark project");
    const string benchConfiguration = "Release";
    Dotnet(new ProcessArgumentBuilder().Append("build").AppendQuoted(eventsBenchProject.FullPath).Append("-c").Append(benchConfiguration));
    var benchDll = TargetPathOf(eventsBenchProject, benchConfiguration);
    // The program starts its own redis-server (test kit) and a Nexus host with the kit's probe module; it runs in
    // its output folder, where WebApplicationFactory finds the host's content root manifest.
    var exitCode = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(benchDll.FullPath)
            .Append(benchEventsWarmUp.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(benchEventsStep.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(benchEventsSteps.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Append(benchEventsFirstRate.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        WorkingDirectory = benchDll.GetDirectory(),
        RedirectStandardOutput = true,
    }, out IEnumerable<string> output);
    var lines = output.ToList();
    foreach (var line in lines.Where(l => !l.StartsWith("BENCH ", StringComparison.Ordinal)))
    {
        Information(line);
    }
    var benchLine = lines.LastOrDefault(l => l.StartsWith("BENCH events ", StringComparison.Ordinal))
        ?? throw new CakeException($"the events benchmark printed no BENCH line (exit code {exitCode}).");
    var details = lines.Where(l => l.StartsWith("raw Redis", StringComparison.Ordinal) || l.StartsWith("warm-up:", StringComparison.Ordinal) || l.StartsWith("step ", StringComparison.Ordinal)
        || l.StartsWith("ceiling:", StringComparison.Ordinal) || l.StartsWith("commit ->", StringComparison.Ordinal)).ToList();
    AppendBenchmarkResult("events", details, benchLine);
    finalLines.Add(benchLine);
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, "the events benchmark lost or duplicated events.");
    }
});

Task("Bench-SubApp")
    .Description("Tab click -> Licensing sub-app ready (handshake, sized, view shown) vs the page opened directly, 30 loads in Chromium; appended to docs/benchmarks.md.")
    .IsDependentOn("Prerequisites")
    .Does(() =>
{
    // The measurement is an [Explicit] NUnit case (SubAppReadyBenchmark) so it reuses the end-to-end kit; it is
    // never part of the test run. Release build, like Bench-Startup.
    const string benchConfiguration = "Release";
    var project = root.CombineWithFilePath("tests/Nexus.EndToEndTests/Nexus.EndToEndTests.csproj");
    var logDir = artifacts.Combine("bench/subapp");
    EnsureDirectoryExists(logDir);
    CleanDirectory(logDir);
    var output = logDir.CombineWithFilePath("result.txt");
    Dotnet(new ProcessArgumentBuilder().Append("build").AppendQuoted(project.FullPath).Append("-c").Append(benchConfiguration));
    System.Environment.SetEnvironmentVariable("NEXUS_BENCH_OUT", output.FullPath);
    try
    {
        Dotnet(new ProcessArgumentBuilder().Append("test").AppendQuoted(project.FullPath).Append("-c").Append(benchConfiguration)
            .Append("--no-build").Append("--filter").AppendQuoted("Category=Bench"));
    }
    finally
    {
        System.Environment.SetEnvironmentVariable("NEXUS_BENCH_OUT", null);
    }

    RequireFile(output, "Benchmark result");
    var lines = System.IO.File.ReadAllLines(output.FullPath);
    AppendBenchmarkResult("subapp", lines.Skip(1), lines[0]);
    finalLines.Add(lines[0]);
});

Task("Bench-CatalogImport")
    .Description("50,000 CSV rows through the catalog import (page upload, Hangfire job, both passes) on SQLite, then PostgreSQL; appended to docs/benchmarks.md.")
    .Does(() =>
{
    // [Explicit] NUnit cases (ProductImportBenchmark) in the integration tests, never part of the test run.
    const string benchConfiguration = "Release";
    var project = root.CombineWithFilePath("tests/Nexus.IntegrationTests/Nexus.IntegrationTests.csproj");
    var logDir = artifacts.Combine("bench/catalog-import");
    EnsureDirectoryExists(logDir);
    CleanDirectory(logDir);
    var output = logDir.CombineWithFilePath("result.txt");
    Dotnet(new ProcessArgumentBuilder().Append("build").AppendQuoted(project.FullPath).Append("-c").Append(benchConfiguration));
    System.Environment.SetEnvironmentVariable("NEXUS_BENCH_OUT", output.FullPath);
    try
    {
        // One case at a time, SQLite first: the machine's two cores are the import's, not shared between two imports.
        foreach (var benchCase in new[] { "Fifty_thousand_rows_import_on_sqlite", "Fifty_thousand_rows_import_on_postgres" })
        {
            Dotnet(new ProcessArgumentBuilder().Append("test").AppendQuoted(project.FullPath).Append("-c").Append(benchConfiguration)
                .Append("--no-build").Append("--filter").AppendQuoted("FullyQualifiedName~ProductImportBenchmark." + benchCase));
        }
    }
    finally
    {
        System.Environment.SetEnvironmentVariable("NEXUS_BENCH_OUT", null);
    }

    foreach (var (result, name) in new[] { (output.FullPath, "catalog-import"), (output.FullPath + ".postgres", "catalog-import (PostgreSQL)") })
    {
        RequireFile(new FilePath(result), "Benchmark result");
        var lines = System.IO.File.ReadAllLines(result);
        AppendBenchmarkResult(name, lines.Skip(1), lines[0]);
        finalLines.Add(lines[0]);
    }
});

Task("Bench-Catalog")
    .Description("Storefront listing (page 1, category filter, sort; 5,000 products on SQLite) vs a bare page rendering the same 24 items from memory, and a search; wrk 2 threads, 64 connections, 10 s each; appended to docs/benchmarks.md.")
    .Does(() =>
{
    RequireFile(catalogBenchProject, "Catalog benchmark project");
    // wrk drives the pages; install it like tools/prerequisites.sh installs the others (needs root or sudo).
    if (StartProcess("sh", new ProcessSettings { Arguments = "-c \"command -v wrk\"", RedirectStandardOutput = true }) != 0)
    {
        var sudo = StartProcess("id", new ProcessSettings { Arguments = "-u", RedirectStandardOutput = true }, out IEnumerable<string> uid) == 0 && uid.FirstOrDefault() == "0" ? "" : "sudo -n ";
        if (StartProcess("sh", new ProcessSettings { Arguments = $"-c \"{sudo}apt-get install -y -q -o DPkg::Lock::Timeout=300 wrk\"" }) != 0)
        {
            throw new CakeException("wrk is missing and could not be installed: run as root: apt-get install -y wrk");
        }
    }
    const string benchConfiguration = "Release";
    Dotnet(new ProcessArgumentBuilder().Append("build").AppendQuoted(catalogBenchProject.FullPath).Append("-c").Append(benchConfiguration));
    var benchDll = TargetPathOf(catalogBenchProject, benchConfiguration);
    var exitCode = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(benchDll.FullPath)
            .Append(benchCatalogWarmUp.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        WorkingDirectory = benchDll.GetDirectory(),
        RedirectStandardOutput = true,
    }, out IEnumerable<string> output);
    var lines = output.ToList();
    foreach (var line in lines.Where(l => !l.StartsWith("BENCH ", StringComparison.Ordinal)))
    {
        Information(line);
    }
    var benchLine = lines.LastOrDefault(l => l.StartsWith("BENCH catalog ", StringComparison.Ordinal))
        ?? throw new CakeException($"the catalog benchmark printed no BENCH line (exit code {exitCode}).");
    var details = lines.Where(l => l.StartsWith("warm-up:", StringComparison.Ordinal) || l.StartsWith("listing ", StringComparison.Ordinal)
        || l.StartsWith("bare ", StringComparison.Ordinal) || l.StartsWith("search ", StringComparison.Ordinal) || l.StartsWith("load ", StringComparison.Ordinal)).ToList();
    AppendBenchmarkResult("catalog", details, benchLine);
    finalLines.Add(benchLine);
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, "the catalog benchmark saw non-2xx answers.");
    }
});

Task("Bench-Checkout")
    .Description("Concurrent guests (closed loop) buy over HTTP on SQLite (product page, /cart/add, /checkout with antiforgery and idempotency key, success card) until the webhook is delivered; paid orders, stock and keys checked in the database; vs bare order-row inserts; appended to docs/benchmarks.md.")
    .Does(() =>
{
    RequireFile(checkoutBenchProject, "Checkout benchmark project");
    const string benchConfiguration = "Release";
    Dotnet(new ProcessArgumentBuilder().Append("build").AppendQuoted(checkoutBenchProject.FullPath).Append("-c").Append(benchConfiguration));
    var benchDll = TargetPathOf(checkoutBenchProject, benchConfiguration);
    var culture = System.Globalization.CultureInfo.InvariantCulture;
    var exitCode = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(benchDll.FullPath)
            .Append(benchCheckoutWarmUp.ToString(culture)).Append(benchCheckoutSeconds.ToString(culture)).Append(benchCheckoutShoppers.ToString(culture)),
        WorkingDirectory = benchDll.GetDirectory(),
        RedirectStandardOutput = true,
    }, out IEnumerable<string> output);
    // The host's own log goes to the same output (thousands of lines): only the harness's summary is shown.
    var summary = new[] { "warm-up:", "checkout:", "database:", "reference:", "failure:", "load " };
    var lines = output.ToList();
    var details = lines.Where(l => summary.Any(s => l.StartsWith(s, StringComparison.Ordinal))).ToList();
    foreach (var line in details)
    {
        Information(line);
    }
    var benchLine = lines.LastOrDefault(l => l.StartsWith("BENCH checkout ", StringComparison.Ordinal))
        ?? throw new CakeException($"the checkout benchmark printed no BENCH line (exit code {exitCode}).");
    AppendBenchmarkResult("checkout", details, benchLine);
    finalLines.Add(benchLine);
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, "the checkout benchmark saw failed purchases, oversold stock or duplicate orders.");
    }
});

Task("Bench-Orders")
    .Description("100,000 orders seeded in SQLite; as an admin, the back office's order list (first page), a status filter or date range, an e-mail search and an order's detail, one request at a time after a warm-up; vs the same page read by a bare indexed SELECT; appended to docs/benchmarks.md.")
    .Does(() =>
{
    RequireFile(ordersBenchProject, "Orders benchmark project");
    const string benchConfiguration = "Release";
    Dotnet(new ProcessArgumentBuilder().Append("build").AppendQuoted(ordersBenchProject.FullPath).Append("-c").Append(benchConfiguration));
    var benchDll = TargetPathOf(ordersBenchProject, benchConfiguration);
    var culture = System.Globalization.CultureInfo.InvariantCulture;
    var exitCode = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(benchDll.FullPath)
            .Append(benchOrdersWarmUp.ToString(culture)).Append(benchOrdersSamples.ToString(culture)).Append(benchOrdersCount.ToString(culture)),
        WorkingDirectory = benchDll.GetDirectory(),
        RedirectStandardOutput = true,
    }, out IEnumerable<string> output);
    // The host's own log goes to the same output: only the harness's summary is shown.
    var summary = new[] { "seed:", "warm-up:", "orders:", "reference:", "load " };
    var lines = output.ToList();
    var details = lines.Where(l => summary.Any(s => l.StartsWith(s, StringComparison.Ordinal))).ToList();
    foreach (var line in details)
    {
        Information(line);
    }
    var benchLine = lines.LastOrDefault(l => l.StartsWith("BENCH orders ", StringComparison.Ordinal))
        ?? throw new CakeException($"the orders benchmark printed no BENCH line (exit code {exitCode}).");
    AppendBenchmarkResult("orders", details, benchLine);
    finalLines.Add(benchLine);
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, "the orders benchmark failed.");
    }
});

Task("Bench-Realtime")
    .Description("N SignalR connections (default 10,000) held on a Nexus host's /hubs/shop: committed stock change (AdjustStock) -> stock.changed on every connection, p50/p99, lost, host memory; vs the same pushes through a bare empty hub; appended to docs/benchmarks.md.")
    .Does(() =>
{
    RequireFile(realtimeBenchProject, "Realtime benchmark project");
    const string benchConfiguration = "Release";
    Dotnet(new ProcessArgumentBuilder().Append("build").AppendQuoted(realtimeBenchProject.FullPath).Append("-c").Append(benchConfiguration));
    var benchDll = TargetPathOf(realtimeBenchProject, benchConfiguration);
    var culture = System.Globalization.CultureInfo.InvariantCulture;
    // Every held connection is a file descriptor in the load client and one in the server child (children inherit the
    // limit), so N needs a limit above N plus a few hundred in each process: the soft limit is raised to 65,536 or, where
    // the hard limit cannot be raised (no CAP_SYS_RESOURCE: this machine's container stops at 20,000), to the hard limit.
    var run = "ulimit -n 65536 2>/dev/null || ulimit -n \"$(ulimit -Hn)\"; exec dotnet \"$0\" \"$@\"";
    var exitCode = StartProcess("bash", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().Append("-c").AppendQuoted(run).AppendQuoted(benchDll.FullPath)
            .Append(benchRealtimeConnections.ToString(culture)).Append(benchRealtimeWarmUp.ToString(culture)).Append(benchRealtimePushes.ToString(culture)),
        WorkingDirectory = benchDll.GetDirectory(),
        RedirectStandardOutput = true,
    }, out IEnumerable<string> output);
    var summary = new[] { "realtime:", "nexus:", "reference:", "load " };
    var lines = output.ToList();
    var details = lines.Where(l => summary.Any(s => l.StartsWith(s, StringComparison.Ordinal)) && !l.Contains(" connections opened, ", StringComparison.Ordinal)).ToList();
    foreach (var line in lines.Where(l => !l.StartsWith("BENCH ", StringComparison.Ordinal)))
    {
        Information(line);
    }
    var benchLine = lines.LastOrDefault(l => l.StartsWith("BENCH realtime ", StringComparison.Ordinal))
        ?? throw new CakeException($"the realtime benchmark printed no BENCH line (exit code {exitCode}).");
    AppendBenchmarkResult("realtime", details, benchLine);
    finalLines.Add(benchLine);
    if (exitCode != 0)
    {
        throw new CakeException(exitCode, "the realtime benchmark lost messages or could not hold every connection.");
    }
});

// Deployment tests: bash scripts under deploy/ that build and run the real artefacts (podman image, nginx in front of
// two hosts) and fail loudly; not in the default Test target (they need root for apt, podman and debootstrap).
void RunDeployTest(string script, string summaryPrefix)
{
    var path = root.CombineWithFilePath(script);
    RequireFile(path, "Deployment test");
    var exitCode = StartProcess("bash", new ProcessSettings
    {
        Arguments = new ProcessArgumentBuilder().AppendQuoted(path.FullPath),
        WorkingDirectory = root,
        RedirectStandardOutput = true,
    }, out IEnumerable<string> output);
    var lines = output.ToList();
    foreach (var line in lines.Where(l => !l.StartsWith(summaryPrefix, StringComparison.Ordinal)))
    {
        Information(line);
    }
    var summary = lines.LastOrDefault(l => l.StartsWith(summaryPrefix, StringComparison.Ordinal));
    if (summary is not null)
    {
        finalLines.Add(summary);
    }
    if (exitCode != 0 || summary is null)
    {
        throw new CakeException(exitCode == 0 ? 1 : exitCode, $"{script} failed (see its FAILED line above).");
    }
}

Task("Test-Container")
    .Description("Builds Nexus's container image for real (debootstrap base image, cached; host-side ReadyToRun publish; podman on runc) and runs it: /healthz, static files, sign-in, cart, SIGTERM, restart on the same volume (deploy/container/test-container.sh).")
    .Does(() => RunDeployTest("deploy/container/test-container.sh", "CONTAINER "));

Task("Test-Nginx")
    .Description("Real nginx running deploy/nginx/nexus.conf (self-signed TLS) in front of two Nexus hosts on PostgreSQL: HTTP/2, HSTS, gzip, static cache, forwarded scheme, sessions across instances, sign-in 429, one instance stopped (deploy/nginx/test-nginx.sh).")
    .Does(() => RunDeployTest("deploy/nginx/test-nginx.sh", "PROXY "));

Task("Bench")
    .Description("Runs every Bench-* target.")
    .IsDependentOn("Bench-Startup")
    .IsDependentOn("Bench-Events")
    .IsDependentOn("Bench-Catalog")
    .IsDependentOn("Bench-CatalogImport")
    .IsDependentOn("Bench-SubApp")
    .IsDependentOn("Bench-Checkout")
    .IsDependentOn("Bench-Orders")
    .IsDependentOn("Bench-Realtime");

RunTarget(target);
