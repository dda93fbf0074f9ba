using System.Diagnostics;
using System.Text.Json;

namespace Nexus.EndToEndTests.Audits;

/// <summary>
/// Lighthouse and axe-core from npm, pinned in <c>tools/audit/package.json</c> and installed into its (git-ignored)
/// <c>node_modules</c> by <c>tools/prerequisites.sh</c>. Lighthouse drives Debian's Chromium, like Playwright does.
/// </summary>
internal static class AuditTools
{
    public static string Folder { get; } = FindFolder();

    public static string AxeScript => Path.Combine(Folder, "node_modules", "axe-core", "axe.min.js");

    private static string LighthouseCli => Path.Combine(Folder, "node_modules", "lighthouse", "cli", "index.js");

    /// <summary>Fails with what to run when the tools are not installed.</summary>
    public static void EnsureInstalled()
    {
        if (!File.Exists(AxeScript) || !File.Exists(LighthouseCli))
        {
            Assert.Fail($"Lighthouse and axe-core are not installed in {Folder}/node_modules. Run ./build.sh --target=Prerequisites (or: cd tools/audit && npm ci).");
        }
    }

    /// <summary>
    /// Runs Lighthouse on <paramref name="url"/> with the desktop preset or the default (mobile) one and returns the
    /// four category scores (0–100). Simulated throttling (Lighthouse's default) computes performance from a trace
    /// rather than wall-clock time, which is what keeps the score meaningful on a loaded machine.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, int>> LighthouseAsync(Uri url, bool desktop, string outputFolder)
    {
        // Lighthouse sometimes fails to record its trace on a busy machine ("NO_NAVSTART … Please run Lighthouse
        // again"): a failed measurement, not a score, so it is run again (twice at most). Scores are never retried.
        for (var attempt = 1; ; attempt++)
        {
            var (scores, error) = await RunLighthouseAsync(url, desktop, outputFolder);
            if (scores is not null)
            {
                return scores;
            }

            if (attempt == 3 || !error.Contains("run Lighthouse again", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Fail($"Lighthouse failed on {url} (attempt {attempt}):\n{error}");
            }

            TestContext.Out.WriteLine($"lighthouse: attempt {attempt} on {url} recorded no trace, running again: {error.Trim()}");
        }
    }

    private static async Task<(IReadOnlyDictionary<string, int>? Scores, string Error)> RunLighthouseAsync(Uri url, bool desktop, string outputFolder)
    {
        var report = Path.Combine(outputFolder, $"lighthouse-{(desktop ? "desktop" : "mobile")}-{Sanitize(url.PathAndQuery)}.json");
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            LighthouseCli, url.ToString(),
            "--output=json", $"--output-path={report}", "--quiet",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
            "--max-wait-for-load=90000",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (desktop)
        {
            start.ArgumentList.Add("--preset=desktop");
        }

        start.Environment["CHROME_PATH"] = ChromiumBrowser.ExecutablePath;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0 || !File.Exists(report))
        {
            return (null, $"exit {process.ExitCode}: {await stderr}\n{await stdout}");
        }

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(report));
        var categories = json.RootElement.GetProperty("categories");
        var scores = categories.EnumerateObject().ToDictionary(
            c => c.Name,
            c => c.Value.GetProperty("score").ValueKind == JsonValueKind.Number ? (int)Math.Round(c.Value.GetProperty("score").GetDouble() * 100) : 0);
        // Lighthouse's own measure of this machine's speed (higher is faster; ~1000+ on a typical desktop): logged
        // beside the scores, because simulated throttling scales what it observed, and a starved CPU shows up here.
        if (json.RootElement.TryGetProperty("environment", out var environment) && environment.TryGetProperty("benchmarkIndex", out var index))
        {
            TestContext.Out.WriteLine($"lighthouse benchmarkIndex={index.GetDouble():0} for {url} ({(desktop ? "desktop" : "mobile")})");
        }

        return (scores, string.Empty);
    }

    /// <summary>The failing audits of a report, for a useful failure message.</summary>
    public static string FailingAudits(string reportPath)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(reportPath));
        return string.Join("\n  ", json.RootElement.GetProperty("audits").EnumerateObject()
            .Where(a => a.Value.TryGetProperty("score", out var s) && s.ValueKind == JsonValueKind.Number && s.GetDouble() < 0.9
                && a.Value.GetProperty("scoreDisplayMode").GetString() is "binary" or "numeric" or "metricSavings")
            .Select(a => $"{a.Name}: {a.Value.GetProperty("score").GetDouble():0.##} {a.Value.GetProperty("title").GetString()}"));
    }

    internal static string Sanitize(string path) =>
        new(path.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());

    private static string FindFolder()
    {
        // From the test's output folder up to the repository, then tools/audit.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "audit");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "tools", "audit");
    }
}
